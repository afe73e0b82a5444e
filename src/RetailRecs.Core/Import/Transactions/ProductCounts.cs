using System.Runtime.InteropServices;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Counts per product gathered in memory before they go to the <see cref="FileTally"/>: a product sold all year is
/// counted once per flush instead of once per chunk. Bounded by <see cref="FlushAt"/> entries, not by the file.
/// </summary>
internal sealed class ProductCounts
{
    /// <summary>
    /// Entries (products, descriptions and prices) held before they are added to the tally: about 10 MB, and a flush
    /// (about half a second) every few hundred thousand lines of a chain's file.
    /// </summary>
    public const int FlushAt = 100_000;

    public readonly record struct Seen(DateTime FirstSeenAt, bool IsNonMerchandise);

    public Dictionary<string, Seen> Products { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Sku, string Description), int> Descriptions { get; } = [];
    public Dictionary<(string Sku, decimal Price), int> Prices { get; } = [];

    public bool IsFull => Products.Count + Descriptions.Count + Prices.Count >= FlushAt;

    /// <summary>A chunk's products, each at its earliest sale so far.</summary>
    public void AddProducts(Dictionary<string, Seen> chunk)
    {
        foreach (var (sku, seen) in chunk)
        {
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(Products, sku, out var known);
            held = known && held.FirstSeenAt <= seen.FirstSeenAt ? held : seen;
        }
    }

    public void Clear()
    {
        Products.Clear();
        Descriptions.Clear();
        Prices.Clear();
    }
}
