namespace RetailRecs.Core.Segmentation;

/// <summary>What a segment looks like: the figures a manager reads on the segment profiles page.</summary>
/// <param name="Behaviour">Mean standardised behaviour of the members (0 = like everyone), in <see cref="FeatureEncoder.BehaviourNames"/> order.</param>
public sealed record SegmentProfile(
    int Number,
    string Name,
    int Size,
    double RevenueShare,
    double MedianRecencyDays,
    double MedianFrequency,
    double MedianMonetary,
    double MedianBasketValue,
    double ReturnRate,
    IReadOnlyList<double> Behaviour,
    IReadOnlyList<SegmentProfile.Share> TopCategories,
    IReadOnlyList<SegmentProfile.Share> Countries,
    IReadOnlyList<SegmentProfile.Share> RfmMix)
{
    public sealed record Share(string Label, double Value);

    /// <summary>Filled in from the sales once members are stored (product id, units, customers buying it).</summary>
    public IReadOnlyList<TopProduct> TopProducts { get; init; } = [];

    public sealed record TopProduct(int ProductId, string Sku, string Name, int Customers);
}
