using Microsoft.AspNetCore.Http.HttpResults;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Api;

/// <summary>
/// Core's outcomes in the API's words: its fields as the JSON names them, the address to send a missing product or
/// customer to, and what to do about a conflict or a refusal (retry with the same Idempotency-Key).
/// </summary>
internal static class ApiOutcomes
{
    public const string EventsRefusedTitle = "Some events cannot be taken; nothing was stored";

    /// <param name="keyed">
    /// Whether the request carried an Idempotency-Key: advice to retry "with the same key" is only for a till that sent
    /// one; a till that did not is told what a retry without one does.
    /// </param>
    public static Results<Accepted<ApiEventsAccepted>, ValidationProblem, ProblemHttpResult, ConflictProblem, TooLargeProblem, UnavailableProblem>
        ForEvents(IngestionOutcome outcome, bool keyed) => outcome switch
    {
        IngestionOutcome.Ingested i => TypedResults.Accepted((string?)null, new ApiEventsAccepted(i.Purchases, i.Orders, i.Interactions, i.Replayed)),
        IngestionOutcome.Refused r => TypedResults.ValidationProblem(EventErrors(r.Errors), title: EventsRefusedTitle),
        IngestionOutcome.InvoiceTaken t when keyed => new ConflictProblem(
            $"Invoice {t.Invoice} is already stored. Send a new invoice number, or the same request with its Idempotency-Key to retry safely."),
        IngestionOutcome.InvoiceTaken t => new ConflictProblem(
            $"Invoice {t.Invoice} is already stored; nothing of this request was kept. If it is a retry of a request that got through, " +
            "there is nothing more to send; if it is another sale, give it its own invoice number. An Idempotency-Key header makes retries safe."),
        IngestionOutcome.KeyReused k => new ConflictProblem(
            $"Idempotency key '{k.Key}' was used for a different request. Use a new key for a new request."),
        IngestionOutcome.Unavailable { Stopping: true } u => new UnavailableProblem($"{u.Reason} Send it again in a moment.", u.RetryAfter),
        IngestionOutcome.Unavailable u => new UnavailableProblem(
            $"{u.Reason} Send the request again{(keyed ? " with the same Idempotency-Key" : "")}.", u.RetryAfter),
        _ => new ConflictProblem($"The request could not be stored; nothing of it was kept. Retry it{(keyed ? " with the same Idempotency-Key" : "")}."),
    };

    /// <param name="created">Where the new product or customer's suggestions are (the 201's Location).</param>
    public static Results<Created, NoContent, ValidationProblem> ForUpsert(UpsertOutcome outcome, string created) => outcome switch
    {
        UpsertOutcome.Stored { IsNew: true } => TypedResults.Created(created),
        UpsertOutcome.Stored => TypedResults.NoContent(),
        UpsertOutcome.Refused r => TypedResults.ValidationProblem(Errors(r.Errors, e => e.Field)),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };

    /// <summary>A list for a customer or a product named in the address; an unknown one is a 404 that says where to send it.</summary>
    public static Results<Ok<ApiSuggestionList>, ValidationProblem, NotFoundProblem> ForSuggestions(SuggestionsOutcome outcome) => outcome switch
    {
        SuggestionsOutcome.Suggested s => TypedResults.Ok(ApiSuggestionList.From(s.List)),
        SuggestionsOutcome.UnknownCustomer c => new NotFoundProblem($"No customer '{c.Code}'. Send them to PUT /api/v1/customers/{{code}} first."),
        SuggestionsOutcome.UnknownProduct p => new NotFoundProblem($"No product '{p.Sku}'. Send it to PUT /api/v1/products/{{sku}} first."),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };

    /// <summary>A basket's list; what the body names and nobody stored is a 400 on that field, as for events.</summary>
    public static Results<Ok<ApiSuggestionList>, ValidationProblem> ForBasket(SuggestionsOutcome outcome) => outcome switch
    {
        SuggestionsOutcome.Suggested s => TypedResults.Ok(ApiSuggestionList.From(s.List)),
        SuggestionsOutcome.UnknownCustomer c => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            { ["customerId"] = [$"Unknown customer '{c.Code}'" + SendFirst("customerCode")] }),
        SuggestionsOutcome.NoKnownProduct => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["skus"] = ["None of these products is known."] }),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };

    /// <summary>"events[2].productId" for an event's field; the batch's own fields as the request names them.</summary>
    private static Dictionary<string, string[]> EventErrors(IReadOnlyList<InputError> errors) => Errors(errors, e => e.Event is { } i
        ? $"events[{i}].{e.Field switch { "sku" => "productId", "customerCode" => "customerId", var other => other }}"
        : e.Field switch { "idempotencyKey" => "Idempotency-Key", var other => other });

    // One message per field: the last Core gives for it, as the API has always answered.
    private static Dictionary<string, string[]> Errors(IReadOnlyList<InputError> errors, Func<InputError, string> name)
    {
        var byField = new Dictionary<string, string[]>();
        foreach (var e in errors)
        {
            byField[name(e)] = [e.Unknown ? e.Message + SendFirst(e.Field) : e.Message];
        }
        return byField;
    }

    private static string SendFirst(string field) => field == "customerCode"
        ? ": send them to PUT /api/v1/customers/{code} first."
        : ": send it to PUT /api/v1/products/{sku} first.";
}
