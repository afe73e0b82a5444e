namespace RetailRecs.Core.Import.Mapping;

/// <summary>
/// A field the importer understands, under its canonical name (for transactions, the UCI Online Retail names),
/// with the header spellings other exports use for it.
/// </summary>
public sealed record CanonicalField(string Name, string Meaning, bool Required, params string[] Aliases)
{
    /// <summary>Header text reduced to letters and digits, lower case: "Customer ID", "customer_id" and "CustomerID" all read "customerid".</summary>
    public static string Normalise(string header) =>
        new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    public bool Matches(string header)
    {
        var h = Normalise(header);
        return h == Normalise(Name) || Aliases.Any(a => Normalise(a) == h);
    }
}
