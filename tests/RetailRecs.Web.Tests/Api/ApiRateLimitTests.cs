using Microsoft.Extensions.DependencyInjection;
using System.Net;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>An app whose keys may make one request a second, bursts of two, and that seeds no demo data (nothing to wait for).</summary>
public sealed class RateLimitedApp : RetailRecsWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Api:RequestsPerSecond", "1"), new("Api:Burst", "2"), new("Seed:DemoData", "false"), new("Training:TrainWhenNoModel", "false"),
    ];
}

public class ApiRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Get_KeyOverItsRate_429WithRetryAfterAndAnotherKeyIsNotHeldBack()
    {
        var (busy, _) = await ApiClient.WithKeyAsync(app, ApiScopes.Suggestions);
        var (quiet, _) = await ApiClient.WithKeyAsync(app, ApiScopes.Suggestions);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await busy.GetAsync("/api/v1/products/85123A/similar"));
        }
        var other = await quiet.GetAsync("/api/v1/products/85123A/similar");

        var limited = answers.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("1", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1 requests a second", await limited.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, answers[0].StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }
    /// <summary>One host owns a whole IPv6 /64: cycling its addresses, it had a new bucket for every made-up key it sent.</summary>
    [Fact]
    public void Partition_AddressesOfOneIpv6Network_ShareABucket_AnotherNetworkHasItsOwn()
    {
        using var scope = app.Services.CreateScope();
        var policy = ActivatorUtilities.CreateInstance<RetailRecs.Web.Api.ApiRateLimitPolicy>(scope.ServiceProvider);
        string PartitionOf(string address)
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Headers["X-Api-Key"] = "rr_made-up-" + Guid.NewGuid().ToString("N");
            return policy.GetPartition(context).PartitionKey;
        }

        Assert.Equal(PartitionOf("2001:db8:1:2::1"), PartitionOf("2001:db8:1:2:ffff:1234:5678:9abc"));
        Assert.NotEqual(PartitionOf("2001:db8:1:2::1"), PartitionOf("2001:db8:1:3::1"));
        Assert.NotEqual(PartitionOf("203.0.113.7"), PartitionOf("203.0.113.8"));
    }
}
