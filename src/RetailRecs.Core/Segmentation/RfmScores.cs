namespace RetailRecs.Core.Segmentation;

/// <summary>
/// Classic RFM: each customer scored 1–5 on recency, frequency and monetary value by quintile of the customer base
/// (5 = most recent, most frequent, highest spend), and named by the widely used R × F segment grid.
/// </summary>
public static class RfmScores
{
    /// <param name="M">0 when spend is unknown (no prices in the sales): RFM is then R and F only.</param>
    public sealed record Score(byte R, byte F, byte M)
    {
        public string Segment => NameOf(R, F);
        public override string ToString() => Text(R, F, M);
    }

    /// <summary>"435", or "43" when the monetary score is unknown (0).</summary>
    public static string Text(byte r, byte f, byte m) => m == 0 ? $"{r}{f}" : $"{r}{f}{m}";

    public static Score[] For(IReadOnlyList<CustomerFeatures> customers, bool spendKnown = true)
    {
        // Fewer days since the last visit is better, so recency is scored on its negation. Customers who bought on the
        // data's last day are as recent as the data can tell, so they score 5 even when they are more than a fifth of
        // the base: a one-day export would otherwise name every customer "Hibernating" (R = 1).
        var r = Quintiles(customers.Select(c => -(double)c.RecencyDays).ToArray(), topTiesScoreFive: true);
        var f = Quintiles(customers.Select(c => (double)c.Frequency).ToArray());
        var m = spendKnown ? Quintiles(customers.Select(c => c.Monetary).ToArray()) : new byte[customers.Count];
        return customers.Select((_, i) => new Score(r[i], f[i], m[i])).ToArray();
    }

    /// <summary>
    /// Quintile score of each value, higher values scoring higher. Equal values always get the same score (the score of
    /// the first of them in rank order), so a frequency of 1 order does not land in two quintiles.
    /// </summary>
    /// <param name="topTiesScoreFive">The customers sharing the highest value score 5 however many they are — for a
    /// value with a natural best (bought on the last day), not for one where everyone equal means everyone lowest
    /// (one order each).</param>
    public static byte[] Quintiles(double[] values, bool topTiesScoreFive = false)
    {
        var n = values.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var scores = new byte[n];
        var rank = 0;
        while (rank < n)
        {
            var end = rank;
            while (end + 1 < n && values[order[end + 1]] == values[order[rank]])
            {
                end++;
            }
            var score = topTiesScoreFive && end == n - 1 ? (byte)5 : (byte)(1 + rank * 5 / n);
            for (var t = rank; t <= end; t++)
            {
                scores[order[t]] = score;
            }
            rank = end + 1;
        }
        return scores;
    }

    /// <summary>The named segments, from most to least valuable, as the grid below assigns them.</summary>
    public static readonly string[] Names =
    [
        "Champions", "Loyal customers", "Potential loyalists", "New customers", "Promising",
        "Need attention", "About to sleep", "Can't lose them", "At risk", "Hibernating",
    ];

    /// <summary>The standard R × F grid: recent and frequent are champions, long gone and rare are hibernating.</summary>
    public static string NameOf(int r, int f) => (r, f) switch
    {
        (<= 2, <= 2) => "Hibernating",
        (<= 2, <= 4) => "At risk",
        (<= 2, _) => "Can't lose them",
        (3, <= 2) => "About to sleep",
        (3, 3) => "Need attention",
        (3, _) => "Loyal customers",
        (4, 1) => "Promising",
        (4, <= 3) => "Potential loyalists",
        (4, _) => "Loyal customers",
        (_, 1) => "New customers",
        (_, <= 3) => "Potential loyalists",
        _ => "Champions",
    };
}
