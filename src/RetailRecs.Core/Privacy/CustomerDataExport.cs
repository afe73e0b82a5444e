using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// Everything stored about one customer, as handed to them on request (GDPR Art. 15 and 20): the JSON file's shape.
/// Each part is described in the README ("Privacy and data rights"); <see cref="Format"/> names the version of this shape.
/// </summary>
public sealed record CustomerDataExport(
    string Format,
    DateTime ExportedAt,
    string Summary,
    ExportedProfile Profile,
    IReadOnlyList<ExportedConsent> Consents,
    IReadOnlyList<ExportedOrder> Orders,
    IReadOnlyList<ExportedInteraction> Interactions,
    IReadOnlyList<ExportedSegmentMembership> SegmentMemberships,
    IReadOnlyList<ExportedExperimentAssignment> ExperimentAssignments,
    IReadOnlyList<ExportedAuditEntry> AuditEntries,
    IReadOnlyList<ExportedRejectedRow>? RejectedImportRows)
{
    /// <summary>
    /// Version 2 added <see cref="RejectedImportRows"/> (absent from version 1 files). Version 3: an order's invoice
    /// number and value may be null (the file had no invoice numbers, or a line has no price), and a line says when its
    /// quantity was not in the file.
    /// </summary>
    public const string CurrentFormat = "retailrecs.customer-export/3";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        // The file is read by people and programs, never put into a page: keep "£" and "é" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CustomerDataExport FromJson(string json) => JsonSerializer.Deserialize<CustomerDataExport>(json, Json)
        ?? throw new JsonException("The file holds no export.");
}

/// <summary>The customer record as stored. <see cref="IsFictional"/>: name and contact details were generated for the demo.</summary>
public sealed record ExportedProfile(string CustomerCode, string? FirstName, string? LastName, string? Email, string? Phone,
    string? LoyaltyNumber, string? Country, string? Region, int? BirthYear, string? Gender, DateOnly? JoinedOn, bool IsFictional);

/// <summary>
/// One state of a consent: <see cref="Purpose"/> "personalised-suggestions"; <see cref="Given"/> false means the customer
/// objected. The first entry is the state now; the others are the recorded choices, newest first, each with when and
/// where it was recorded (<see cref="Source"/>: "counter", "admin", "api" or "import").
/// </summary>
public sealed record ExportedConsent(string Purpose, bool Given, DateTime? RecordedAt, string? Source);

/// <summary>
/// One invoice; a return (cancellation) has negative quantities. <see cref="InvoiceNumber"/> is null when the file had
/// none (the key the import made up to keep baskets apart is nobody's receipt); <see cref="Revenue"/> is null when a line
/// has no price (unknown, not zero).
/// </summary>
public sealed record ExportedOrder(string? InvoiceNumber, DateTime PlacedAt, bool IsReturn, string? Store, decimal? Revenue,
    IReadOnlyList<ExportedOrderLine> Lines);

/// <param name="QuantityUnknown">The file had no quantities: the line counts as one unit per time it was listed.</param>
public sealed record ExportedOrderLine(int LineNumber, string Sku, string Product, int Quantity, decimal? UnitPrice, bool QuantityUnknown = false);

/// <summary>A suggestion shown, accepted, dismissed, added to a basket, or a purchase reported by a till.</summary>
public sealed record ExportedInteraction(DateTime OccurredAt, string Type, string Sku, string Product, string Source,
    int? ModelRunId, string? ExperimentVariant);

/// <summary>The customer's place in one segmentation run: the segment, and the RFM scores (1–5) it was based on.</summary>
public sealed record ExportedSegmentMembership(int RunId, DateTime? RunFinishedAt, bool IsCurrent, string Segment, string RfmSegment,
    int RecencyScore, int FrequencyScore, int MonetaryScore, int RecencyDays, int Frequency, decimal Monetary);

/// <summary>An experiment the customer took part in, the variant they were assigned, and each time they were shown it.</summary>
public sealed record ExportedExperimentAssignment(int ExperimentId, string Experiment, string Variant, IReadOnlyList<ExportedExposure> Exposures);

public sealed record ExportedExposure(DateTime OccurredAt, string Source, IReadOnlyList<string> ProductSkus);

/// <summary>
/// An entry of the audit log about the customer (their card opened, their record changed, an export). Which member of
/// staff is left out: that is the staff member's personal data, not the customer's.
/// </summary>
public sealed record ExportedAuditEntry(DateTime At, string Action, string? Details);

/// <summary>
/// A row of an imported file that was rejected and is kept for the admins' download, naming the customer (their code,
/// e-mail, phone or loyalty number is one of its cells): the file, when it was imported, the row, why, and the row as read.
/// </summary>
public sealed record ExportedRejectedRow(string File, DateTime ImportedAt, int RowNumber, string Reason, string Row);
