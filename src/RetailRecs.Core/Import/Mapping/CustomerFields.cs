namespace RetailRecs.Core.Import.Mapping;

/// <summary>The canonical fields of a customers file. The id matches the transactions file's CustomerID.</summary>
public static class CustomerFields
{
    public const string CustomerId = TransactionFields.CustomerId;
    public const string FirstName = "FirstName";
    public const string LastName = "LastName";
    public const string Email = "Email";
    public const string Phone = "Phone";
    public const string LoyaltyNumber = "LoyaltyNumber";
    public const string Country = TransactionFields.Country;
    public const string Region = "Region";
    public const string BirthYear = "BirthYear";
    public const string Gender = "Gender";
    public const string JoinedOn = "JoinedOn";
    /// <summary>Yes: the customer objects to personalised suggestions (and the profiling behind them).</summary>
    public const string OptOut = "PersonalisationOptOut";
    /// <summary>Yes: the customer agrees to personalised suggestions; no: they object. The opposite reading of <see cref="OptOut"/>.</summary>
    public const string Consent = "PersonalisationConsent";

    public static readonly IReadOnlyList<CanonicalField> All =
    [
        new(CustomerId, "the customer's id, as in the transactions", true,
            "Customer ID", "Customer_ID", "Customer", "CustomerNo", "CustomerNumber", "Member_number", "MemberNumber", "MemberId", "ClientId", "UserId"),
        new(FirstName, "first name", false, "First Name", "GivenName", "Forename"),
        new(LastName, "last name", false, "Last Name", "Surname", "FamilyName"),
        new(Email, "e-mail address", false, "E-mail", "EmailAddress", "Mail"),
        new(Phone, "phone number", false, "Telephone", "PhoneNumber", "Mobile", "Tel"),
        new(LoyaltyNumber, "loyalty card number", false, "Loyalty Number", "LoyaltyCard", "LoyaltyId", "CardNumber", "Card"),
        new(Country, "country", false, "CountryName", "Market"),
        new(Region, "region, county or city", false, "County", "State", "City", "Town"),
        new(BirthYear, "year of birth (or a birth date)", false, "Birth Year", "YearOfBirth", "BirthDate", "DateOfBirth", "DOB", "Birthday"),
        new(Gender, "gender", false, "Sex"),
        new(JoinedOn, "date the customer joined", false, "Joined", "SignupDate", "Signup Date", "RegisteredOn", "Registered", "MemberSince", "CreatedAt"),
        new(OptOut, "yes when the customer objects to personalised suggestions (opt-out)", false,
            "PersonalizationOptOut", "OptOut", "Opt-out", "OptedOut", "Objects", "ObjectsToProfiling", "NoPersonalisation", "NoPersonalization"),
        new(Consent, "yes when the customer agrees to personalised suggestions, no when they object", false,
            "PersonalizationConsent", "Consent", "ConsentToPersonalisation", "ConsentToPersonalization", "Personalisation", "Personalization"),
    ];
}
