namespace RetailRecs.Core.Segmentation;

/// <summary>The features a segmentation run used (its stored feature names), said in a manager's words.</summary>
public static class SegmentFeatures
{
    private static readonly (string Prefix, string Words)[] Known =
    [
        ("Recency", "recency"), ("Frequency", "frequency"), (FeatureEncoder.MonetaryName, "spend"),
        ("Average basket (log items)", "basket size"), ("Average basket (log value)", "basket value"), ("Return rate", "returns"),
        ("Tenure", "tenure"), ("AgeBand", "age"), ("Gender", "gender"), ("Region", "region"),
        ("Share of spend", "categories (share of spend)"), ("Share of units", "categories (share of units)"),
    ];

    /// <summary>"recency, frequency, basket size, tenure and categories (share of units); no prices, so no spend, basket value or returns".</summary>
    public static string Describe(IReadOnlyList<string> features)
    {
        var used = Known.Where(k => features.Any(f => f.StartsWith(k.Prefix, StringComparison.Ordinal))).Select(k => k.Words).ToList();
        var text = used.Count switch
        {
            0 => "none",
            1 => used[0],
            _ => string.Join(", ", used.Take(used.Count - 1)) + " and " + used[^1],
        };
        return features.Contains(FeatureEncoder.MonetaryName) ? text : text + "; the sales have no prices, so spend, basket value and returns are left out";
    }
}
