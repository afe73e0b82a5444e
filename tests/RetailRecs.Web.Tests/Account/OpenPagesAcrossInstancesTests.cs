using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Account;

namespace RetailRecs.Web.Tests.Account;

/// <summary>
/// An account locked on one app instance: a page the person has open on another instance closes within seconds, through
/// the change feed, not at that page's next periodic check (every 30 s).
/// </summary>
public class OpenPagesAcrossInstancesTests
{
    private sealed class SecondInstance(RetailRecsWebFactory first) : RetailRecsWebFactory
    {
        protected override bool FollowsTestProvider => false; // the first one's database, whichever provider

        protected override IEnumerable<KeyValuePair<string, string>> Settings => [.. first.SameDatabaseSettings()];
    }

    [Fact]
    public async Task Lock_OnOneInstance_SignsOutTheOpenPageOnAnother_BeforeItsPeriodicCheck()
    {
        using var first = new RetailRecsWebFactory();
        _ = first.Services; // started, demo accounts seeded
        using var second = new SecondInstance(first);
        var services = second.Services;

        // The associate's open page on the second instance: its state provider, as a circuit has it.
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var associate = (await users.FindByEmailAsync(DemoAccounts.Associate.Email))!;
        var sessionId = await services.GetRequiredService<StaffSessions>().StartAsync(associate.Id, "10.0.0.7");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(associate);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(StaffSessionCookie.SessionIdClaim, sessionId));
        using var page = new IdentityRevalidatingAuthenticationStateProvider(services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IOptions<IdentityOptions>>(),
            services.GetRequiredService<StaffSessions>());
        page.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var circuit = new OpenPageRechecks(services.GetRequiredService<OpenPageSessionChecks>(), page);
        await circuit.OnCircuitOpenedAsync(null!, CancellationToken.None); // the page is interactive
        var signedOut = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.AuthenticationStateChanged += async state => signedOut.TrySetResult(await state);

        // The second instance has looked at the feed once, as one up for a second has: its first poll only notes where the
        // feed stands, and on a busy machine the host's first poll came after the lock below, which it then never read.
        await services.GetRequiredService<ChangeFeed>().PollAsync();
        var admin = (await users.FindByEmailAsync(DemoAccounts.Admin.Email))!;
        var watch = Stopwatch.StartNew();
        var locked = await first.Services.GetRequiredService<StaffAccountService>().SetLockedAsync(associate.Id, true, new StaffActor(admin.Id, admin.Email!));
        Assert.True(locked.Succeeded, locked.Message);

        var state = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(20)); // the periodic check would take 30 s
        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
