using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Api;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Api;

/// <summary>
/// /api/v1 for store systems (tills, the web shop): send events, keep products and customers current, ask for
/// suggestions from the same engine as the pages. Every endpoint needs an API key with the right scope; errors are
/// RFC 7807 problem details.
/// </summary>
public static class ApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapRetailRecsApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<ApiPolicies.Options>();
        var api = app.MapGroup("/api/v1").RequireRateLimiting(ApiPolicies.RateLimit).WithTags("Store systems")
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes));

        api.MapPost("/events", PostEventsAsync).RequireAuthorization(ApiPolicies.Events)
            .WithSummary("Send sales lines and suggestion events (shown, accepted, dismissed, basket_add)")
            .Accepts<ApiEventBatch>("application/json").Produces<ApiEventsAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPut("/products/{sku}", PutProductAsync).RequireAuthorization(ApiPolicies.Products)
            .WithSummary("Add or update a product; a new one is suggested among new arrivals and similar items at once")
            .ProducesValidationProblem();
        api.MapPut("/customers/{code}", PutCustomerAsync).RequireAuthorization(ApiPolicies.Customers)
            .WithSummary("Add or update a customer").ProducesValidationProblem();
        api.MapGet("/customers/{code}/suggestions", GetCustomerSuggestionsAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("Suggestions for a customer, with reasons (mode: discovery or replenishment)")
            .Produces<ApiSuggestionList>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/products/{sku}/bought-together", GetBoughtTogetherAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("Products often bought with this one").Produces<ApiSuggestionList>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/products/{sku}/similar", GetSimilarAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("Products like this one").Produces<ApiSuggestionList>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/suggestions/basket", PostBasketAsync).RequireAuthorization(ApiPolicies.Suggestions)
            .WithSummary("What goes with a whole basket").Accepts<ApiBasketRequest>("application/json").Produces<ApiSuggestionList>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> PostEventsAsync(HttpContext http, EventIngestion ingestion, ApiPolicies.Options options, CancellationToken ct)
    {
        var (body, problem) = await ReadBodyAsync(http, options);
        if (problem is not null)
        {
            return problem;
        }
        ApiEventBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize<ApiEventBatch>(body!, Json);
        }
        catch (JsonException e)
        {
            return Results.Problem(title: "The body is not valid JSON", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        var keyId = int.Parse(http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var idempotencyKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        try
        {
            var result = await ingestion.IngestAsync(keyId, idempotencyKey, Hash(body!), batch?.Events ?? [], ct);
            return Results.Accepted(value: new ApiEventsAccepted(result.Purchases, result.Orders, result.Interactions, result.Replayed));
        }
        catch (ApiValidationException e)
        {
            return Results.ValidationProblem(e.Errors, title: "Some events cannot be taken; nothing was stored");
        }
        catch (ApiConflictException e)
        {
            return Results.Problem(title: "Conflict with what is stored; nothing was stored", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (ApiUnavailableException e)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(title: "Not stored; try again later", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> PutProductAsync(string sku, ProductInput input, CatalogUpserts upserts, CancellationToken ct)
    {
        try
        {
            var created = await upserts.UpsertProductAsync(sku, input, ct);
            return created ? Results.Created($"/api/v1/products/{Uri.EscapeDataString(sku.Trim())}/similar", null) : Results.NoContent();
        }
        catch (ApiValidationException e)
        {
            return Results.ValidationProblem(e.Errors);
        }
    }

    private static async Task<IResult> PutCustomerAsync(string code, CustomerInput input, CatalogUpserts upserts, HttpContext http, CancellationToken ct)
    {
        try
        {
            var created = await upserts.UpsertCustomerAsync(code, input, ApiKeyAuthenticationHandler.ActorOf(http.User), ct);
            return created ? Results.Created($"/api/v1/customers/{Uri.EscapeDataString(code.Trim())}/suggestions", null) : Results.NoContent();
        }
        catch (ApiValidationException e)
        {
            return Results.ValidationProblem(e.Errors);
        }
    }

    private static async Task<IResult> GetCustomerSuggestionsAsync(string code, string? mode, int? count, IDbContextFactory<RetailDbContext> contexts,
        RecommendationService recommendations, RetailRecs.Core.Recommendations.Feedback.InteractionRecorder recorder, CancellationToken ct)
    {
        if (Count(count) is { } bad)
        {
            return bad;
        }
        if (mode is not (null or "discovery" or "replenishment"))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["Use discovery (new items only) or replenishment."] });
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = await db.Customers.Where(c => c.CustomerCode == code).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        if (id is null)
        {
            return NotFound($"No customer '{code}'. Send them to PUT /api/v1/customers/{{code}} first.");
        }
        var list = await recommendations.ForCustomerAsync(id.Value, mode == "replenishment" ? SuggestionMode.Replenishment : SuggestionMode.Discovery,
            count ?? RecommendationService.DefaultCount, ct: ct);
        // The store system shows the list and reports "shown" itself; the exposure is the one fact the app writes.
        await recorder.RecordServedAsync(id.Value, list, "api", ct);
        return Results.Ok(ApiSuggestionList.From(list));
    }

    private static Task<IResult> GetBoughtTogetherAsync(string sku, int? count, IDbContextFactory<RetailDbContext> contexts, RecommendationService r,
        CancellationToken ct) => ForProductAsync(sku, count, contexts, (id, n) => r.BoughtTogetherAsync([id], n, ct), ct);

    private static Task<IResult> GetSimilarAsync(string sku, int? count, IDbContextFactory<RetailDbContext> contexts, RecommendationService r,
        CancellationToken ct) => ForProductAsync(sku, count, contexts, (id, n) => r.SimilarAsync(id, n, ct), ct);

    private static async Task<IResult> ForProductAsync(string sku, int? count, IDbContextFactory<RetailDbContext> contexts,
        Func<int, int, Task<SuggestionList>> suggest, CancellationToken ct)
    {
        if (Count(count) is { } bad)
        {
            return bad;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = await db.Products.Where(p => p.Sku == sku).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        return id is null
            ? NotFound($"No product '{sku}'. Send it to PUT /api/v1/products/{{sku}} first.")
            : Results.Ok(ApiSuggestionList.From(await suggest(id.Value, count ?? RecommendationService.DefaultCount)));
    }

    private static async Task<IResult> PostBasketAsync(ApiBasketRequest request, IDbContextFactory<RetailDbContext> contexts, RecommendationService r,
        CancellationToken ct)
    {
        if (request.Skus is not { Count: > 0 and <= 200 })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["skus"] = ["Send the basket's SKUs (1 to 200)."] });
        }
        if (Count(request.Count) is { } bad)
        {
            return bad;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var skus = request.Skus.Select(s => s.Trim()).ToList();
        var ids = await db.Products.Where(p => skus.Contains(p.Sku)).Select(p => p.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["skus"] = ["None of these products is known."] });
        }
        return Results.Ok(ApiSuggestionList.From(await r.BoughtTogetherAsync(ids, request.Count ?? RecommendationService.DefaultCount, ct)));
    }

    private static IResult? Count(int? count) => count is < 1 or > 100
        ? Results.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["Ask for 1 to 100 suggestions."] })
        : null;

    private static IResult NotFound(string detail) => Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>The body as text (for the idempotency hash), refused above the size limit.</summary>
    private static async Task<(string? Body, IResult? Problem)> ReadBodyAsync(HttpContext http, ApiPolicies.Options options)
    {
        if (http.Request.ContentLength > options.MaxRequestBytes)
        {
            return (null, TooLarge(options));
        }
        // Read in small chunks and stop past the limit: a body without a length cannot make the server hold more.
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (body.Length + read > options.MaxRequestBytes)
            {
                return (null, TooLarge(options));
            }
            body.Write(chunk, 0, read);
        }
        return (System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), null);
    }

    private static IResult TooLarge(ApiPolicies.Options options) => Results.Problem(title: "Request too large",
        detail: $"At most {options.MaxRequestBytes / 1024} KiB and {EventIngestion.MaxEventsPerRequest} events per request; split the batch.",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string Hash(string body) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
}
