namespace RetailRecs.Core.Model;

/// <summary>A known customer. Contact fields are personal data: show them masked to associates and audit every view.</summary>
public class Customer
{
    public int Id { get; set; }
    /// <summary>The customer's key in the source system (e.g. the CustomerID of the Online Retail export).</summary>
    public string CustomerCode { get; set; } = "";
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? LoyaltyNumber { get; set; }
    public string? Country { get; set; }
    public string? Region { get; set; }
    public int? BirthYear { get; set; }
    public string? Gender { get; set; }
    public DateOnly? JoinedOn { get; set; }
    /// <summary>The customer asked not to get personalised suggestions: serve them non-personalised lists only.</summary>
    public bool PersonalizationOptOut { get; set; }
    /// <summary>True when name and contact details were generated for the demo, not supplied by the retailer.</summary>
    public bool HasFictionalProfile { get; set; }

    // Normalised copies of the fields above, indexed, so the counter's lookup seeks instead of scanning (see
    // SearchKeys). Kept up to date by the context on every save (RefreshSearchKeys); never set by hand.
    public string? SearchFirstName { get; private set; }
    public string? SearchLastName { get; private set; }
    public string? SearchEmail { get; private set; }
    public string? SearchPhone { get; private set; }
    public string? SearchPhoneReversed { get; private set; }
    public string? SearchLoyaltyNumber { get; private set; }

    /// <summary>Recomputes the search columns from the fields they copy.</summary>
    public void RefreshSearchKeys()
    {
        SearchFirstName = SearchKeys.Name(FirstName);
        SearchLastName = SearchKeys.Name(LastName);
        SearchEmail = SearchKeys.Email(Email);
        SearchPhone = SearchKeys.PhoneWhole(Phone);
        SearchPhoneReversed = SearchKeys.PhoneDigitsReversed(Phone);
        SearchLoyaltyNumber = SearchKeys.Compact(LoyaltyNumber);
    }

    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
        ? name
        : $"Customer {CustomerCode}";
}
