using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RetailRecs.Core.Staff;

namespace RetailRecs.Web.Components.Account;

internal static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// Server-side sessions behind the sign-in cookie (time limits from "Security:Sessions") and the throttled password
    /// sign-in ("Security:SignIn"). Call after AddIdentityCookies, whose security-stamp check this runs in front of.
    /// </summary>
    public static IServiceCollection AddStaffSessionsAndSignIn(this IServiceCollection services, IConfiguration config)
    {
        var sessionSettings = config.GetSection(StaffSessionOptions.Section);
        services.Configure<StaffSessionOptions>(sessionSettings);
        services.Configure<SignInThrottleOptions>(config.GetSection(SignInThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<StaffPasswordSignIn>();
        services.AddScoped<StaffSecondStepSignIn>();
        services.AddScoped<StaffSelfService>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, StaffSessionActivity>());
        services.AddSingleton<OpenPageSessionChecks>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenPageRechecks>());
        services.AddSingleton<RetailRecs.Core.Common.Changes.IChangeListener>(sp => sp.GetRequiredService<OpenPageSessionChecks>());

        services.ConfigureApplicationCookie(options =>
        {
            // The cookie lives as long as the longest idle limit (Associates'); the session record enforces the
            // shorter limit for Managers and Admins and the absolute lifetime, "Keep me signed in" included.
            options.ExpireTimeSpan = sessionSettings.Get<StaffSessionOptions>()?.IdleTimeout ?? new StaffSessionOptions().IdleTimeout;
            options.SlidingExpiration = true;
            var checkStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (await StaffSessionCookie.ValidateAsync(context))
                {
                    await checkStamp(context);
                }
            };
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = StaffSessionCookie.KeepSessionId);
        return services;
    }
}
