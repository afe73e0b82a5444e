namespace RetailRecs.Core.Ingestion;

/// <summary>One field of the input that cannot be taken, and why, in words.</summary>
/// <param name="Field">
/// The field as the input names it, in camel case ("unitPrice", "sku", "customerCode"; "events" for the batch,
/// "idempotencyKey" for the retry key).
/// </param>
/// <param name="Event">The event's position in the batch, for a field of one event.</param>
/// <param name="Unknown">The field names a product or customer that is not stored: the caller can send it first.</param>
public sealed record InputError(string Field, string Message, int? Event = null, bool Unknown = false);

/// <summary>What became of a product or customer a store system sent.</summary>
public abstract record UpsertOutcome
{
    public static readonly UpsertOutcome Created = new Stored(true), Updated = new Stored(false);

    public sealed record Stored(bool IsNew) : UpsertOutcome;

    /// <summary>Nothing was stored.</summary>
    public sealed record Refused(IReadOnlyList<InputError> Errors) : UpsertOutcome;
}

/// <summary>What became of a batch of events: stored (or stored before, for a retry), or refused with nothing stored.</summary>
public abstract record IngestionOutcome
{
    /// <summary>Stored once; <paramref name="Replayed"/> when this is a retry of a request stored before (nothing new stored).</summary>
    public sealed record Ingested(int Purchases, int Orders, int Interactions, bool Replayed) : IngestionOutcome;

    /// <summary>Some events or fields cannot be taken.</summary>
    public sealed record Refused(IReadOnlyList<InputError> Errors) : IngestionOutcome;

    /// <summary>A sale's invoice is stored already (<paramref name="Invoice"/> as sent).</summary>
    public sealed record InvoiceTaken(string Invoice) : IngestionOutcome;

    /// <summary>The retry key was used before for a different batch.</summary>
    public sealed record KeyReused(string Key) : IngestionOutcome;

    /// <summary>The batch could not be stored for a reason of its own (a constraint the checks did not foresee).</summary>
    public sealed record NotStored : IngestionOutcome;

    /// <summary>
    /// Not taken for a reason on this side that passes (the database busy, full or out of reach; the app stopping): the
    /// same batch can be sent again after <paramref name="RetryAfter"/>. <paramref name="Reason"/> says why, in words.
    /// </summary>
    public sealed record Unavailable(string Reason, TimeSpan RetryAfter, bool Stopping) : IngestionOutcome;
}
