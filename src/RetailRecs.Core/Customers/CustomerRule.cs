using RetailRecs.Core.Model;

namespace RetailRecs.Core.Customers;

/// <summary>
/// How a new customer is stored, wherever they come from: a till's first sale, a store system's upsert, a customers file,
/// a transactions import. They join on the date the retailer gives, else on the day of their first sale, else on the
/// day they are first recorded (a customer sent before any sale). The transactions import's bulk writers insert the
/// same row in SQL, with the date this rule gives (tests: BulkWriterParityTests).
/// </summary>
public static class CustomerRule
{
    public static DateOnly JoinedOn(DateOnly? given, DateOnly? firstSale, DateTime recordedAt) =>
        given ?? firstSale ?? DateOnly.FromDateTime(recordedAt);

    /// <param name="code">The retailer's code, already trimmed (callers look it up by the same text).</param>
    public static Customer New(string code, DateOnly? joinedOn, string? country = null) =>
        new() { CustomerCode = code, JoinedOn = joinedOn, Country = country };
}
