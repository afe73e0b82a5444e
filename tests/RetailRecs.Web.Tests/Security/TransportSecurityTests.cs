using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Security;

/// <summary>
/// The app as an operator runs it (Production) behind a proxy on 10.0.0.0/8 that ends TLS and sends
/// X-Forwarded-For and X-Forwarded-Proto. The test server has no network peer, so each request names the peer it
/// comes from in <see cref="PeerHeader"/> (set on the connection before the app's pipeline runs).
/// </summary>
public sealed class ProductionBehindProxyApp : RetailRecsWebFactory
{
    public const string PeerHeader = "X-Test-Peer";
    public const string AdminEmail = "it.admin@retailrecs.example";
    public const string AdminPassword = "a long production password 2026";

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Seed:AdminEmail", AdminEmail), new("Seed:AdminPassword", AdminPassword), new("Seed:DemoData", "false"),
        new("Training:TrainWhenNoModel", "false"), new("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"), new("https_port", "443"),
        new("Api:PerAddressRequestsPerSecond", "1"), new("Api:PerAddressBurst", "1"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? "10.0.0.2");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public class TransportSecurityTests(ProductionBehindProxyApp app) : IClassFixture<ProductionBehindProxyApp>
{
    private const string Proxy = "10.0.0.2";
    private const string Outsider = "192.0.2.9";

    [Fact]
    public async Task SignIn_BehindTrustedProxyOverHttps_EveryCookieIsSecureAndSameSite()
    {
        var cookies = new CookieJar(Proxy, https: true);
        using var client = app.CreateDefaultClient(new Uri("http://retailrecs.example"), cookies);

        var response = await StaffSignIn.PostAsync(client, ProductionBehindProxyApp.AdminEmail, ProductionBehindProxyApp.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/Account/", response.Headers.Location!.ToString());
        Assert.Contains(cookies.Received, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains(cookies.Received, c => c.StartsWith("RetailRecs.Auth=", StringComparison.Ordinal));
        Assert.All(cookies.Received, c =>
        {
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("; samesite=(lax|strict)", c.ToLowerInvariant());
        });
        Assert.Contains("; httponly", cookies.Received.Single(c => c.StartsWith("RetailRecs.Auth=", StringComparison.Ordinal)));
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Theory]
    [InlineData(Proxy, false)] // the proxy passing on a plain-HTTP request
    [InlineData(Outsider, true)] // someone else claiming HTTPS: not believed
    public async Task Get_PlainHttpOrUntrustedClaim_RedirectsToHttps(string peer, bool claimsHttps)
    {
        using var client = app.CreateDefaultClient(new Uri("http://retailrecs.example"), new CookieJar(peer, claimsHttps));

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://retailrecs.example/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_Health_OverPlainHttpFromTheProxy_IsAnsweredNotRedirected()
    {
        using var client = app.CreateDefaultClient(new Uri("http://retailrecs.example"), new CookieJar(Proxy, https: false));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ApiCalls_BehindTrustedProxy_AreLimitedPerForwardedClientAddress()
    {
        // One call a second per address (bursts of 1): the second call from a client is refused, another client is not.
        using var first = app.CreateDefaultClient(new Uri("http://retailrecs.example"), new CookieJar(Proxy, https: true, forwardedFor: "203.0.113.7"));
        using var second = app.CreateDefaultClient(new Uri("http://retailrecs.example"), new CookieJar(Proxy, https: true, forwardedFor: "203.0.113.8"));

        var firstCall = await first.GetAsync("/api/v1/products/X/similar");
        var firstAgain = await first.GetAsync("/api/v1/products/X/similar");
        var secondCall = await second.GetAsync("/api/v1/products/X/similar");

        Assert.Equal(HttpStatusCode.Unauthorized, firstCall.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secondCall.StatusCode);
    }

    /// <summary>
    /// Sends every request as the proxy would (from <c>peer</c>, with X-Forwarded-For and, for HTTPS, X-Forwarded-Proto),
    /// sends back the cookies the app set, and keeps their Set-Cookie lines to look at. (A cookie container would not
    /// send a Secure cookie back over the test's plain-HTTP address.)
    /// </summary>
    private sealed class CookieJar(string peer, bool https, string forwardedFor = "203.0.113.7") : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];
        public List<string> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(ProductionBehindProxyApp.PeerHeader, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            if (https)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
            }
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await base.SendAsync(request, cancellationToken);
            foreach (var line in response.Headers.TryGetValues("Set-Cookie", out var lines) ? lines : [])
            {
                Received.Add(line);
                var pair = line.Split(';')[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }
            return response;
        }
    }
}
