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

    public bool Matches(string header) => Rank(header) >= 0;

    /// <summary>0 for the canonical name, 1 + the alias's place for an alias (earlier aliases are surer), -1 for neither.</summary>
    public int Rank(string header)
    {
        var h = Normalise(header);
        if (h == Normalise(Name))
        {
            return 0;
        }
        var alias = Array.FindIndex(Aliases, a => Normalise(a) == h);
        return alias < 0 ? -1 : 1 + alias;
    }
}
