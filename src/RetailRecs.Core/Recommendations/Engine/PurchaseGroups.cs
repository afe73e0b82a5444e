namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// The positions of a snapshot's purchases grouped by a key (a customer, a buyer), in their own order within each
/// group: a counting sort, two passes and two int arrays, instead of a list or a set per group. Groups are read as
/// <c>Positions[Start[g]..Start[g + 1]]</c>.
/// </summary>
internal readonly record struct PurchaseGroups(int[] Start, int[] Positions)
{
    /// <param name="all">The purchases, as <see cref="PurchasesBefore.Span"/> gives them.</param>
    /// <param name="end">Purchases on this day or later are left out.</param>
    /// <param name="groups">How many groups there are.</param>
    /// <param name="groupOf">A purchase's group, or -1 to leave it out.</param>
    public static PurchaseGroups Of(ReadOnlySpan<Purchase> all, int end, int groups, Func<Purchase, int> groupOf)
    {
        var start = new int[groups + 1];
        foreach (var p in all)
        {
            if (p.Day < end && groupOf(p) is var g and >= 0)
            {
                start[g + 1]++;
            }
        }
        for (var g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }
        var next = start[..groups];
        var positions = new int[start[groups]];
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Day < end && groupOf(all[i]) is var g and >= 0)
            {
                positions[next[g]++] = i;
            }
        }
        return new PurchaseGroups(start, positions);
    }
}
