namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// The lines an invoice already has in the database, matched by content, not position, so a corrected row, a
/// re-ordered export or a later file with more lines adds exactly the lines that are new. A field the earlier export
/// lacked (no price column, no quantity column) matches any value: the later, fuller export of the same sale completes
/// that line instead of adding it a second time.
/// </summary>
internal sealed class StoredLines
{
    private sealed class Entry(int lineNumber, int quantity, bool quantityKnown, decimal? price)
    {
        public int LineNumber { get; } = lineNumber;
        public int Quantity { get; } = quantity;
        public bool QuantityKnown { get; } = quantityKnown;
        public decimal? Price { get; } = price;
        public bool Taken { get; set; }
    }

    private readonly Dictionary<int, List<Entry>> _byProduct = new();
    private int _maxLineNumber;

    /// <param name="matchable">False for a line this import wrote itself: it only takes up its line number.</param>
    public void Add(int productId, int quantity, bool quantityKnown, decimal? price, int lineNumber, bool matchable = true)
    {
        _maxLineNumber = Math.Max(_maxLineNumber, lineNumber);
        if (!matchable)
        {
            return;
        }
        if (!_byProduct.TryGetValue(productId, out var entries))
        {
            _byProduct[productId] = entries = [];
        }
        entries.Add(new Entry(lineNumber, quantity, quantityKnown, Round(price)));
    }

    /// <summary>No stored line is matched from now on; new lines are still numbered after all of them.</summary>
    public void ForgetMatches() => _byProduct.Clear();

    /// <summary>
    /// Finds the stored line this one is (one stored line used up per call). Same fields known and equal first;
    /// then a stored line this one completes; then a stored line that knows more than this one.
    /// </summary>
    public LineMatch Take(int productId, int quantity, bool quantityKnown, decimal? price)
    {
        if (!_byProduct.TryGetValue(productId, out var entries))
        {
            return LineMatch.None;
        }
        price = Round(price);
        var free = entries.Where(e => !e.Taken).ToList();
        var same = free.FirstOrDefault(e => e.QuantityKnown == quantityKnown && e.Quantity == quantity && e.Price == price);
        if (same is not null)
        {
            same.Taken = true;
            return LineMatch.AlreadyStored;
        }
        var completes = free.FirstOrDefault(e => Agree(e, quantity, quantityKnown, price)
            && ((!e.QuantityKnown && quantityKnown) || (e.Price is null && price is not null)));
        if (completes is not null)
        {
            completes.Taken = true;
            return new LineMatch(MatchKind.Completed, completes.LineNumber,
                FilledQuantity: !completes.QuantityKnown && quantityKnown, FilledPrice: completes.Price is null && price is not null,
                Quantity: completes.QuantityKnown ? completes.Quantity : quantity, QuantityKnown: completes.QuantityKnown || quantityKnown,
                Price: completes.Price ?? price);
        }
        var knowsMore = free.FirstOrDefault(e => Agree(e, quantity, quantityKnown, price));
        if (knowsMore is not null)
        {
            knowsMore.Taken = true;
            return LineMatch.AlreadyStored;
        }
        return LineMatch.None;
    }

    /// <summary>Every field known on both sides is equal.</summary>
    private static bool Agree(Entry e, int quantity, bool quantityKnown, decimal? price) =>
        (!e.QuantityKnown || !quantityKnown || e.Quantity == quantity) && (e.Price is null || price is null || e.Price == price);

    public int NextLineNumber() => ++_maxLineNumber;

    // SQLite stores money as REAL: compare at the precision money is kept in.
    private static decimal? Round(decimal? price) => price is null ? null : Math.Round(price.Value, 4);
}

internal enum MatchKind { New, AlreadyStored, Completed }

/// <summary>
/// What became of one line of a re-imported invoice; for a completed line, which stored line, what it gained and its
/// fields once completed.
/// </summary>
internal readonly record struct LineMatch(MatchKind Kind, int LineNumber = 0, bool FilledQuantity = false, bool FilledPrice = false,
    int Quantity = 0, bool QuantityKnown = true, decimal? Price = null)
{
    public static readonly LineMatch None = new(MatchKind.New);
    public static readonly LineMatch AlreadyStored = new(MatchKind.AlreadyStored);
}
