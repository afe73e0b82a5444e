namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// The dashboard's basket-size buckets (lines per sale). <see cref="Model.OrderDaySales"/> keeps one column per bucket
/// and the refresh's SQL (OrderRollupRows) spells the same bounds; the API's sales are counted into the columns by
/// <see cref="BucketOf"/> (SaleRollupDeltas): change them together, then <c>rollups --rebuild</c>.
/// </summary>
public static class BasketSizes
{
    public static readonly (int Min, int Max, string Label)[] Buckets =
        [(1, 1, "1"), (2, 5, "2–5"), (6, 10, "6–10"), (11, 20, "11–20"), (21, 50, "21–50"), (51, int.MaxValue, "51+")];

    /// <summary>The bucket of a sale with <paramref name="lines"/> lines (a sale without lines counts with the single-line ones).</summary>
    public static int BucketOf(int lines)
    {
        for (var i = Buckets.Length - 1; i > 0; i--)
        {
            if (lines >= Buckets[i].Min)
            {
                return i;
            }
        }
        return 0;
    }
}
