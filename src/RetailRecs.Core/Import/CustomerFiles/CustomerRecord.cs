namespace RetailRecs.Core.Import.CustomerFiles;

/// <summary>A customer as a customers file describes them; null fields were not given and leave stored values alone.</summary>
/// <param name="Consents">The customer's choice about personalised suggestions: true agrees, false objects, null not given.</param>
public sealed record CustomerRecord(
    string Code, string? FirstName, string? LastName, string? Email, string? Phone, string? LoyaltyNumber,
    string? Country, string? Region, int? BirthYear, string? Gender, DateOnly? JoinedOn, bool? Consents = null);
