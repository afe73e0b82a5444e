namespace RetailRecs.Core.Import.Customers;

/// <summary>A customer as a customers file describes them; null fields were not given and leave stored values alone.</summary>
public sealed record CustomerRecord(
    string Code, string? FirstName, string? LastName, string? Email, string? Phone, string? LoyaltyNumber,
    string? Country, string? Region, int? BirthYear, string? Gender, DateOnly? JoinedOn);
