using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Tests;

/// <summary>
/// The one bUnit setup: MudBlazor services with loose JS interop, and the app's real authorization policies
/// evaluated against a signed-in principal with the given role (not bUnit's fake policy list, so the test
/// fails if a policy stops admitting a role).
/// </summary>
public abstract class StaffComponentTestContext : BunitContext, IAsyncLifetime
{
    static StaffComponentTestContext()
    {
        // The pages load from a real database, on PostgreSQL too, on a machine CI shares: bUnit's 1 s default failed
        // a first load there. A wait still ends as soon as its assertion passes.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
    }

    protected StaffComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddRetailRecsAuthorization();
        // bUnit pre-registers a placeholder IAuthorizationService; replace it with ASP.NET Core's real one.
        Services.AddTransient<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddCascadingAuthenticationState();
        // As in the app (the counter keeps the visit in the tab's session storage): bUnit's loose JS interop reads nothing back.
        Services.AddDataProtection();
        Services.AddScoped<Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedSessionStorage>();
        // As in the app: the visits the card shares with the screen turned to the customer.
        Services.AddSingleton<RetailRecs.Web.Components.Pages.Customers.CounterVisits>();
        Services.AddSingleton(TimeProvider.System);
        // The app's start-up training is the host's: a component test starts the jobs it tests, and nothing else.
        Services.Configure<RetailRecs.Core.Recommendations.Training.TrainingOptions>(o => o.TrainWhenNoModel = false);
    }

    private readonly CancellationTokenSource _stopJobs = new();
    private Task _jobs = Task.CompletedTask;

    /// <summary>
    /// Runs the app's job runner as the web host does (JobsWorker), until the test ends: the jobs a page starts run on
    /// it. Touches the services, so call it after <see cref="SignInAs"/>.
    /// </summary>
    protected void RunJobs() => _jobs = Services.GetRequiredService<RetailRecs.Core.Common.Jobs.JobRunner>().RunAsync(_stopJobs.Token);

    protected override async ValueTask DisposeAsyncCore()
    {
        await _stopJobs.CancelAsync();
        await _jobs;
        _stopJobs.Dispose();
        await base.DisposeAsyncCore();
    }

    /// <param name="twoFactor">Enrolled in two-factor sign-in (the default settings require it of admins).</param>
    protected void SignInAs(string role, string displayName = "Test Person", string email = "test.person@store.example", bool twoFactor = true)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "user-1"),
            new Claim(ClaimTypes.Name, email),
            new Claim(ClaimTypes.Role, role),
            new Claim(StaffClaims.DisplayNameClaim, displayName),
        ], authenticationType: "Test");
        if (twoFactor)
        {
            identity.AddClaim(new Claim(StaffClaims.TwoFactorClaim, "on"));
        }
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(identity)));
        // As in the app, components render interactively on the server. Touching the renderer freezes the
        // services, so this comes last: call SignInAs after any other registration, right before Render.
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
