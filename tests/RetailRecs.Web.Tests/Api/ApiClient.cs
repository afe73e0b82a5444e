using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>Keys made through the real key service, and clients that send them as a store system would.</summary>
internal static class ApiClient
{
    public static async Task<(HttpClient Client, int KeyId)> WithKeyAsync(RetailRecsWebFactory app, params string[] scopes)
    {
        var (key, secret) = await app.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync($"Test till {Guid.NewGuid():N}"[..20], scopes.Length == 0 ? ApiScopes.All : scopes, new StaffActor(null, "test"));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return (client, key.Id);
    }

    public static Task<HttpResponseMessage> PostEventsAsync(HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    /// <summary>The app trains at start-up; suggestions need its champion.</summary>
    public static async Task WaitForChampionAsync(RetailRecsWebFactory app)
    {
        var registry = app.Services.GetRequiredService<ModelRegistry>();
        // The first training also trains every model again for the champion's selection: about twice the work.
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (await registry.GetChampionAsync() is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No champion six minutes after start-up.");
            }
            await Task.Delay(500);
        }
    }
}
