using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Api;

/// <summary>
/// /api/v1 for store systems (tills, the web shop): send events, keep products and customers current, ask for
/// suggestions from the same engine as the pages. Every endpoint needs an API key with the right scope; errors are
/// RFC 7807 problem details. Each handler returns typed results, so the OpenAPI document lists its answers from the
/// signature; Core's outcomes become HTTP answers in <see cref="ApiOutcomes"/>.
/// </summary>
public static class ApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapRetailRecsApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<ApiPolicies.Options>();
        var api = app.MapGroup("/api/v1").RequireRateLimiting(ApiPolicies.RateLimit).WithTags("Store systems")
            .WithMetadata(new RequestSizeLimitAttribute(limits.ConnectionCutBytes));

        // The events body is read by hand (its hash tells a retry from a new request), so its type is declared here.
        api.MapPost("/events", PostEventsAsync).RequireAuthorization(ApiPolicies.Events)
            .WithSummary("Send sales lines and suggestion events (shown, accepted, dismissed, basket_add)")
            .Accepts<ApiEventBatch>("application/json");
        api.MapPut("/products/{sku}", PutProductAsync).RequireAuthorization(ApiPolicies.Products)
            .WithSummary("Add or update a product; a new one is suggested among new arrivals and similar items at once");
        api.MapPut("/customers/{code}", PutCustomerAsync).RequireAuthorization(ApiPolicies.Customers)
            .WithSummary("Add or update a customer");
        api.MapGet("/customers/{code}/suggestions", GetCustomerSuggestionsAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("Suggestions for a customer, with reasons (mode: discovery or replenishment)");
        api.MapGet("/products/{sku}/bought-together", GetBoughtTogetherAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("Products often bought with this one");
        api.MapGet("/products/{sku}/similar", GetSimilarAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("Products like this one");
        api.MapPost("/suggestions/basket", PostBasketAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("What goes with a whole basket");
        return app;
    }

    private static async Task<Results<Accepted<ApiEventsAccepted>, ValidationProblem, ProblemHttpResult, ConflictProblem, TooLargeProblem, UnavailableProblem>>
        PostEventsAsync(HttpContext http, EventIngestion ingestion, ApiPolicies.Options options, CancellationToken ct)
    {
        var body = await ReadBodyAsync(http, options);
        if (body is null)
        {
            return TooLarge(options);
        }
        ApiEventBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize<ApiEventBatch>(body, Json);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(title: "The body is not valid JSON", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        var keyId = int.Parse(http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var idempotencyKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        // A null in the list (JSON allows it) would otherwise fail as a 500 that no retry can mend.
        if ((batch?.Events?.ToList().FindIndex(e => e is null) ?? -1) is >= 0 and var missing)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"events[{missing}]"] = ["Every event must be an object; this one is null."] });
        }
        var events = batch?.Events?.Select(e => e.ToStoreEvent()).ToList() ?? [];
        return ApiOutcomes.ForEvents(await ingestion.IngestAsync(keyId, idempotencyKey, Hash(body), events, ct), keyed: !string.IsNullOrEmpty(idempotencyKey));
    }

    private static async Task<Results<Created, NoContent, ValidationProblem>> PutProductAsync(string sku, ApiProduct input, CatalogUpserts upserts,
        HttpContext http, CancellationToken ct) =>
        ApiOutcomes.ForUpsert(await upserts.UpsertProductAsync(sku, input.ToDetails(), ct, ApiKeyAuthenticationHandler.ActorOf(http.User)),
            $"/api/v1/products/{Uri.EscapeDataString(sku.Trim())}/similar");

    private static async Task<Results<Created, NoContent, ValidationProblem>> PutCustomerAsync(string code, ApiCustomer input, CatalogUpserts upserts,
        HttpContext http, CancellationToken ct) =>
        ApiOutcomes.ForUpsert(await upserts.UpsertCustomerAsync(code, input.ToDetails(), ApiKeyAuthenticationHandler.ActorOf(http.User), ct),
            $"/api/v1/customers/{Uri.EscapeDataString(code.Trim())}/suggestions");

    private static async Task<Results<Ok<ApiSuggestionList>, ValidationProblem, NotFoundProblem>> GetCustomerSuggestionsAsync(string code, string? mode, int? count,
        SuggestionsByCode suggestions, RetailRecs.Core.Recommendations.Feedback.InteractionRecorder recorder, CancellationToken ct)
    {
        if (Count(count) is { } bad)
        {
            return bad;
        }
        if (mode is not (null or "discovery" or "replenishment"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["Use discovery (new items only) or replenishment."] });
        }
        var outcome = await suggestions.ForCustomerAsync(code, mode == "replenishment" ? SuggestionMode.Replenishment : SuggestionMode.Discovery,
            count ?? RecommendationService.DefaultCount, ct);
        if (outcome is SuggestionsOutcome.Suggested { CustomerId: { } customerId } suggested)
        {
            // The store system shows the list and reports "shown" itself; the exposure is the one fact the app writes.
            await recorder.RecordServedAsync(customerId, suggested.List, "api", ct);
        }
        return ApiOutcomes.ForSuggestions(outcome);
    }

    private static async Task<Results<Ok<ApiSuggestionList>, ValidationProblem, NotFoundProblem>> GetBoughtTogetherAsync(string sku, int? count,
        SuggestionsByCode suggestions, CancellationToken ct) =>
        Count(count) ?? ApiOutcomes.ForSuggestions(await suggestions.BoughtTogetherAsync(sku, count ?? RecommendationService.DefaultCount, ct));

    private static async Task<Results<Ok<ApiSuggestionList>, ValidationProblem, NotFoundProblem>> GetSimilarAsync(string sku, int? count,
        SuggestionsByCode suggestions, CancellationToken ct) =>
        Count(count) ?? ApiOutcomes.ForSuggestions(await suggestions.SimilarAsync(sku, count ?? RecommendationService.DefaultCount, ct));

    private static async Task<Results<Ok<ApiSuggestionList>, ValidationProblem>> PostBasketAsync(ApiBasketRequest request, SuggestionsByCode suggestions,
        CancellationToken ct)
    {
        if (request.Skus is not { Count: > 0 and <= 200 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["skus"] = ["Send the basket's SKUs (1 to 200)."] });
        }
        // A null in the list (JSON allows it) would otherwise reach the lookup and fail there as a 500.
        for (var i = 0; i < request.Skus.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(request.Skus[i]))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [$"skus[{i}]"] = ["Every SKU must be a product code; this one is empty."],
                });
            }
        }
        if (Count(request.Count) is { } bad)
        {
            return bad;
        }
        return ApiOutcomes.ForBasket(await suggestions.ForBasketAsync(request.Skus, request.CustomerId, request.Count ?? RecommendationService.DefaultCount, ct));
    }

    private static ValidationProblem? Count(int? count) => count is < 1 or > 100
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["Ask for 1 to 100 suggestions."] })
        : null;

    /// <summary>The body as text (for the idempotency hash), or null above the size limit.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext http, ApiPolicies.Options options)
    {
        if (http.Request.ContentLength > options.MaxRequestBytes)
        {
            return null;
        }
        // Read in small chunks and stop past the limit: a body without a length cannot make the server hold more.
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (body.Length + read > options.MaxRequestBytes)
            {
                return null;
            }
            body.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    private static TooLargeProblem TooLarge(ApiPolicies.Options options) =>
        new($"At most {options.MaxRequestBytes / 1024} KiB and {EventIngestion.MaxEventsPerRequest} events per request; split the batch.");

    private static string Hash(string body) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
}
