namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// The lines an invoice already has in the database, as a multiset of (product, quantity, price). A re-imported
/// invoice's lines are matched by content, not position, so a corrected row, a re-ordered export or a later file with
/// more lines adds exactly the lines that are new.
/// </summary>
internal sealed class StoredLines
{
    private readonly Dictionary<(int ProductId, int Quantity, decimal? Price), int> _counts = new();
    private int _maxLineNumber;

    public void Add(int productId, int quantity, decimal? price, int lineNumber)
    {
        var key = (productId, quantity, Round(price));
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        _maxLineNumber = Math.Max(_maxLineNumber, lineNumber);
    }

    /// <summary>True (and one such stored line used up) when the invoice already has this line.</summary>
    public bool TryTake(int productId, int quantity, decimal? price)
    {
        var key = (productId, quantity, Round(price));
        if (_counts.GetValueOrDefault(key) == 0)
        {
            return false;
        }
        _counts[key]--;
        return true;
    }

    public int NextLineNumber() => ++_maxLineNumber;

    // SQLite stores money as REAL: compare at the precision money is kept in.
    private static decimal? Round(decimal? price) => price is null ? null : Math.Round(price.Value, 4);
}
