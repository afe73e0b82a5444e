using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RetailRecs.Web.Security;

/// <summary>
/// HTTPS outside Development, including behind a proxy that ends TLS: the proxy's X-Forwarded-For and
/// X-Forwarded-Proto are believed only from the proxies the operator names, so the client address (which throttles
/// key on) is the real one and the app knows the browser used HTTPS; then HTTPS redirection, HSTS and cookies that
/// are only ever sent over HTTPS.
/// </summary>
public static class TransportSecurity
{
    public sealed class ProxyOptions
    {
        public const string Section = "ForwardedHeaders";
        /// <summary>Addresses of the proxies in front of the app (besides loopback, which is always trusted).</summary>
        public List<string> KnownProxies { get; set; } = [];
        /// <summary>Networks the proxies are in, in CIDR notation (10.0.0.0/8).</summary>
        public List<string> KnownNetworks { get; set; } = [];
        /// <summary>How many proxies in a row add an X-Forwarded-For entry (a CDN in front of a load balancer: 2).</summary>
        public int ForwardLimit { get; set; } = 1;
    }

    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false); // no product banner for scanners

        var proxies = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Host is left alone: a forged X-Forwarded-Host could steer links; the proxy passes Host through.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxies.ForwardLimit;
            foreach (var proxy in proxies.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in proxies.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
            // Every cookie the app sets (sign-in, two-factor, antiforgery) goes over HTTPS only, and never on a
            // request started by another site's form or script: SameSite Lax keeps links from e-mail working.
            builder.Services.Configure<CookiePolicyOptions>(o =>
            {
                o.Secure = CookieSecurePolicy.Always;
                o.MinimumSameSitePolicy = SameSiteMode.Lax;
            });
        }
        return builder;
    }

    /// <summary>Call before anything that reads the scheme or the client address.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // A load balancer probes /health over plain HTTP on the private network; everything else goes to HTTPS.
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), b => b.UseHttpsRedirection());
            app.UseCookiePolicy();
        }
        return app;
    }
}
