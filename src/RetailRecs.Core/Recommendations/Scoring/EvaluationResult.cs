namespace RetailRecs.Core.Recommendations.Scoring;

/// <summary>A metric's mean over the test customers and its 95% bootstrap interval (equal to the mean for catalog-level metrics).</summary>
public sealed record MetricValue(double Mean, double Low, double High);

/// <summary>How one segment's customers fared with a model.</summary>
public sealed record SegmentResult(string Segment, int Customers, double Ndcg, double HitRate);

/// <summary>One model (or baseline) on one track.</summary>
/// <param name="DoesNotBeat">The best baseline this model does not beat on NDCG (the 95% interval of the paired difference reaches 0 or below), or null.</param>
/// <param name="VersusBaseline">NDCG of this model minus that of the track's best baseline, with its interval.</param>
public sealed record ModelResult(
    string Model,
    EvaluationTrack Track,
    bool IsBaseline,
    int Customers,
    IReadOnlyDictionary<string, MetricValue> Metrics,
    string? DoesNotBeat,
    MetricValue? VersusBaseline,
    IReadOnlyList<SegmentResult> Segments);

/// <summary>Every row of an evaluation: the figures the Models page and the CLI show.</summary>
public sealed record EvaluationResult(DateOnly DataFrom, DateOnly DataTo, DateOnly SplitDate, int K, IReadOnlyList<ModelResult> Rows)
{
    /// <summary>The metric names, in the order tables show them.</summary>
    public static readonly string[] MetricNames = ["precision", "recall", "f1", "ndcg", "map", "hitRate", "mrr", "coverage", "novelty", "diversity"];

    public static string Describe(string metric, int k) => metric switch
    {
        "precision" => $"Precision@{k}",
        "recall" => $"Recall@{k}",
        "f1" => $"F1@{k}",
        "ndcg" => $"NDCG@{k}",
        "map" => $"MAP@{k}",
        "hitRate" => $"Hit rate@{k}",
        "mrr" => "MRR",
        "coverage" => "Catalog coverage",
        "novelty" => "Novelty (bits)",
        "diversity" => "Intra-list diversity",
        _ => metric,
    };
}
