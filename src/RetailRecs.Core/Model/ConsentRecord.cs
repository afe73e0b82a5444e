namespace RetailRecs.Core.Model;

/// <summary>
/// What the customer's choice is about. One purpose today (see the README, "Consent and objection"): suggestions made
/// from their purchases, which is the profiling they may object to; more purposes (e.g. marketing e-mail) can follow.
/// </summary>
public enum ConsentPurpose { Personalisation }

/// <summary>Where a choice was recorded: at the counter (the card), by an admin, by a store system (the API), or in a customers file.</summary>
public enum ConsentSource { Counter, Admin, Api, Import }

/// <summary>
/// One dated statement of a customer's choice: they agreed to a purpose (<see cref="Granted"/>) or objected to it /
/// withdrew. The history is these rows; the customer's current state is kept in step in
/// <see cref="Customer.PersonalizationOptOut"/> by one rule (Privacy.ConsentRule), so serving and training read one column.
/// Names the member of staff by account id (or the API key by its name), never by their personal details.
/// </summary>
public class ConsentRecord
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public ConsentPurpose Purpose { get; set; }
    /// <summary>True: the customer agrees; false: they object (or withdrew their agreement).</summary>
    public bool Granted { get; set; }
    public DateTime RecordedAt { get; set; }
    public ConsentSource Source { get; set; }
    /// <summary>The staff account id (counter, admin) or the API key's name; null for an import (the batch says who).</summary>
    public string? RecordedBy { get; set; }
    /// <summary>The customers file that said so (source Import).</summary>
    public int? ImportBatchId { get; set; }
}
