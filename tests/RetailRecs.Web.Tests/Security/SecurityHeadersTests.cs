using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Api;

namespace RetailRecs.Web.Tests.Security;

/// <summary>The app in Development without the demo data set (the demo accounts are still there): quick to start.</summary>
public sealed class NoDemoDataApp : RetailRecsWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Seed:DemoData", "false"), new("Training:TrainWhenNoModel", "false")];
}

public class SecurityHeadersTests(NoDemoDataApp app) : IClassFixture<NoDemoDataApp>
{
    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal(1, csp.Split("'unsafe-inline'").Length - 1); // styles only, never scripts
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        foreach (var directive in new[] { "img-src 'self' data: https:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'" })
        {
            Assert.Contains(directive, csp);
        }
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains(response.Headers.GetValues("Referrer-Policy").Single(), new[] { "same-origin", "no-referrer", "strict-origin", "strict-origin-when-cross-origin" });
        var permissions = response.Headers.GetValues("Permissions-Policy").Single();
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()" })
        {
            Assert.Contains(feature, permissions);
        }
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)] // a page
    [InlineData("/app.css", HttpStatusCode.OK)] // a static file
    [InlineData("/favicon.png", HttpStatusCode.OK)]
    [InlineData("/api/v1/customers/17850/suggestions", HttpStatusCode.Unauthorized)] // an API error
    [InlineData("/api/v1/nope", HttpStatusCode.NotFound)] // an API address that does not exist
    [InlineData("/health", HttpStatusCode.OK)]
    public async Task Get_AnyResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Get_UnknownPage_SignedIn_IsA404WithTheSecurityHeaders()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Put_ApiSuccess_CarriesTheSecurityHeaders()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app, ApiScopes.Products);

        var response = await client.PutAsJsonAsync($"/api/v1/products/HDR-{Guid.NewGuid():N}"[..24], new { name = "Header test mug" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Get_Page_RendersNoInlineScript()
    {
        using var client = app.CreateBrowserlikeClient();

        var html = await client.GetStringAsync("/Account/Login");

        // Every script element loads a file: an inline one (such as an import map) would be refused by script-src 'self'.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains(" src=", s.Value));
    }

    [Fact]
    public void Kestrel_IsConfigured_WithoutAServerHeader()
    {
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }
}
