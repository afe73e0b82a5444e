using System.Collections;
using System.Runtime.InteropServices;

namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// The purchases of a snapshot made before a day, read from the whole snapshot's list in its order without copying it.
/// A training cuts the sales by date two or three times (the champion selection's split, the hybrid's cut-offs); at
/// 100× the Online Retail data each copy was about a gigabyte, held for most of the job.
/// </summary>
internal sealed class PurchasesBefore : IReadOnlyList<Purchase>
{
    private readonly IReadOnlyList<Purchase> _all;
    private int[]? _positions;

    /// <param name="all">The whole snapshot's purchases: a list or an array, never another view.</param>
    public PurchasesBefore(IReadOnlyList<Purchase> all, int splitDay)
    {
        _all = all;
        SplitDay = splitDay;
        var count = 0;
        foreach (var p in Span(all))
        {
            count += p.Day < splitDay ? 1 : 0;
        }
        Count = count;
    }

    /// <summary>Purchases on this day or later are not part of the view.</summary>
    public int SplitDay { get; }

    public int Count { get; }

    /// <summary>
    /// By position among the kept purchases. Nothing in a training reads them this way (they are enumerated), so the
    /// positions are found only when first asked for.
    /// </summary>
    public Purchase this[int index]
    {
        get
        {
            var positions = LazyInitializer.EnsureInitialized(ref _positions, () =>
            {
                var kept = new int[Count];
                var all = Span(_all);
                var k = 0;
                for (var i = 0; i < all.Length; i++)
                {
                    if (all[i].Day < SplitDay)
                    {
                        kept[k++] = i;
                    }
                }
                return kept;
            });
            return _all[positions[index]];
        }
    }

    public IEnumerator<Purchase> GetEnumerator()
    {
        for (var i = 0; i < _all.Count; i++)
        {
            var p = _all[i];
            if (p.Day < SplitDay)
            {
                yield return p;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The purchases to read and the day they stop at: for a view, the whole snapshot's and the view's split day
    /// (skip a purchase on it or later); for any other list, its own and no limit.
    /// </summary>
    public static ReadOnlySpan<Purchase> Span(IReadOnlyList<Purchase> purchases, out int splitDay)
    {
        if (purchases is PurchasesBefore view)
        {
            splitDay = view.SplitDay;
            return Span(view._all);
        }
        splitDay = int.MaxValue;
        return Span(purchases);
    }

    /// <summary>A view of the same snapshot before the earlier of the two days.</summary>
    public static PurchasesBefore Of(IReadOnlyList<Purchase> purchases, int splitDay) => purchases is PurchasesBefore view
        ? new PurchasesBefore(view._all, Math.Min(splitDay, view.SplitDay))
        : new PurchasesBefore(purchases, splitDay);

    private static ReadOnlySpan<Purchase> Span(IReadOnlyList<Purchase> purchases) =>
        purchases switch
        {
            List<Purchase> list => CollectionsMarshal.AsSpan(list),
            Purchase[] array => array,
            _ => purchases.ToArray(),
        };
}
