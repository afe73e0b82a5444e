using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RetailRecs.Core.ApiKeys;

namespace RetailRecs.Web.Api;

/// <summary>
/// How often a caller may call the API. A key this instance has already found valid has its own bucket, so one busy
/// till cannot starve the others. Everything else (no key, a made-up or revoked key, a valid key's first call since
/// start-up) shares a smaller bucket per client address: sending a new random key with every request gains nothing,
/// and only calls within that bucket reach the key lookup in the database. Runs before authentication.
/// </summary>
public sealed class ApiRateLimitPolicy(ApiPolicies.Options options, ApiKeyService keys) : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext context) =>
        KnownKeyOf(context) is { } keyId
            ? Bucket($"key:{keyId}", options.RequestsPerSecond, options.Burst)
            // By client as the sign-in throttle names it: an IPv6 client by its /64, or one host cycling the addresses
            // it owns sent unlimited made-up keys, each a lookup in the database.
            : Bucket($"address:{Components.Account.ClientAddress.Of(context)}", options.PerAddressRequestsPerSecond, options.PerAddressBurst);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, _) =>
    {
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = "1";
        var detail = KnownKeyOf(context) is not null
            ? $"This key may send {options.RequestsPerSecond} requests a second on average (bursts of {options.Burst}). Retry after a second; batch events to send more."
            : $"Calls without a recognised key are limited to {options.PerAddressRequestsPerSecond} a second per client address (bursts of {options.PerAddressBurst}). Retry after a second with a valid key.";
        await ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", detail);
    };

    private int? KnownKeyOf(HttpContext context) =>
        ApiKeyAuthenticationHandler.KeyOf(context.Request) is { Length: > 0 } key ? keys.KnownKeyId(key) : null;

    private static RateLimitPartition<string> Bucket(string partition, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        });
}
