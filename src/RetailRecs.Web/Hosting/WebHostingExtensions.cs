using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Core.Startup;
using RetailRecs.Web.Api;
using RetailRecs.Web.Components;
using RetailRecs.Web.Components.Account;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Hosting;

internal static class WebHostingExtensions
{
    /// <summary>Everything the host needs: configuration, the domain layer, Identity, authorization, UI and health.</summary>
    public static WebApplicationBuilder AddRetailRecsWeb(this WebApplicationBuilder builder)
    {
        RootDevelopmentSettings.Add(builder);
        builder.AddTransportSecurity();
        var config = builder.Configuration;
        var database = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var seed = config.GetSection(SeedOptions.Section).Get<SeedOptions>() ?? new SeedOptions();

        builder.Services.AddRetailRecsCore(database, config.GetConnectionString("RetailRecs"), seed, builder.Environment.ContentRootPath)
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            // Replaces the default authenticator check: each two-factor code signs in once.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // Several instances behind a load balancer share one key ring (in the database), under one application name:
        // a cookie issued by one instance is read by another. Keys in one machine's profile would sign everyone out
        // whenever the balancer sent them elsewhere.
        builder.Services.AddDataProtection().SetApplicationName("RetailRecs").PersistKeysToDbContext<RetailDbContext>();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "RetailRecs.Auth";
        });
        // A lock, role change or password reset takes effect within a minute, in open pages and in new requests.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        // Sign-out ends every copy of the session; idle and absolute limits; throttled password sign-in.
        builder.Services.AddStaffSessionsAndSignIn(config);
        builder.Services.AddRetailRecsAuthorization();
        builder.Services.Configure<TwoFactorSettings>(config.GetSection(TwoFactorSettings.Section));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // The counter visits, shared by the associate's card and the screen turned to the customer (two circuits).
        builder.Services.AddSingleton<RetailRecs.Web.Components.Pages.Customers.CounterVisits>();
        builder.Services.AddMudServices(o =>
        {
            // Bottom centre: visible on a tablet held either way, and never over the app bar's buttons.
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter;
        });

        builder.Services.Configure<RetailRecs.Core.Import.ImportOptions>(config.GetSection(RetailRecs.Core.Import.ImportOptions.Section));
        builder.Services.Configure<TrainingOptions>(config.GetSection(TrainingOptions.Section));
        builder.Services.AddHostedService<JobsWorker>();
        builder.Services.AddHostedService<HeartbeatWorker>();
        builder.Services.AddHostedService<ChangeFeedWorker>();
        builder.Services.AddHostedService<ErasuresElsewhereWorker>();
        builder.Services.AddHostedService<RollupWorker>();
        builder.Services.Configure<RetailRecs.Core.Privacy.Retention.RetentionOptions>(config.GetSection(RetailRecs.Core.Privacy.Retention.RetentionOptions.Section));
        builder.Services.Configure<RetailRecs.Core.Recommendations.Live.LiveUpdatesOptions>(config.GetSection(RetailRecs.Core.Recommendations.Live.LiveUpdatesOptions.Section));
        builder.Services.AddHealthChecks().AddDbContextCheck<RetailDbContext>("database");
        builder.Services.AddRetailRecsApi(config);
        return builder;
    }

    /// <summary>Migrates and seeds the database, then maps the middleware and endpoints.</summary>
    public static async Task<WebApplication> UseRetailRecsAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitialiser>()
            .InitialiseAsync(requireAdmin: !app.Environment.IsDevelopment(), AppContext.BaseDirectory);
        // Uploads an earlier run stopped in the middle of (a crash, a kill) would otherwise stay in the temporary directory.
        if (Components.Pages.Imports.UploadCopy.DeleteLeftovers(TimeSpan.FromDays(1)) is > 0 and var leftovers)
        {
            app.Logger.LogInformation("Deleted {Count} uploaded file(s) an earlier run left behind.", leftovers);
        }

        app.UseSecurityHeaders();
        app.UseSubresourceGuard();
        app.UseTransportSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStorageFaultPages();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // One culture for the whole chain (dates, numbers, currency): "Culture" in settings, British English by default.
        var culture = app.Configuration["Culture"] is { Length: > 0 } configured ? configured : "en-GB";
        app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture(culture).AddSupportedCultures(culture).AddSupportedUICultures(culture));
        app.UseApiErrors();
        // Rate limits before authentication, so a flood of made-up API keys is refused before any key lookup.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApiBodyLimit();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapImportEndpoints();
        app.MapPrivacyEndpoints();
        app.MapRetailRecsApi();
        // The API's description, for Admins and the developers they share it with.
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.Admin);
        return app;
    }
}
