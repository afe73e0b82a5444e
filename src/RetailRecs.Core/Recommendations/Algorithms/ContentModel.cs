using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Content-based filtering: a customer's profile is what they bought, weighted by time-decayed affinity; an item scores
/// the sum of its text similarity to each of those. Every catalog item has text neighbours, sold or not, so new
/// products are suggested from their first day.
/// </summary>
public sealed class ContentModel : IRecommender
{
    private ContentModel(ItemNeighbours neighbours) => Neighbours = neighbours;

    public string Algorithm => AlgorithmNames.Content;
    public ItemNeighbours Neighbours { get; }

    public static ContentModel Train(TrainingData data, int neighbours = 50, CancellationToken ct = default)
    {
        var texts = data.Items.Select(i => i.Text).ToList();
        return ProductText.TooLittle(texts, ProductText.MinimumForTextModel) is null ? Train(TextFeatures.Build(texts), neighbours, ct) : Empty(texts.Count);
    }

    /// <summary>No text to compare: no item has a text neighbour (the hybrid then gets nothing from this component).</summary>
    public static ContentModel Empty(int items) =>
        new(new ItemNeighbours(Enumerable.Range(0, items).Select(_ => Array.Empty<int>()).ToArray(),
            Enumerable.Range(0, items).Select(_ => Array.Empty<float>()).ToArray()));

    public static ContentModel Train(TextFeatures features, int neighbours = 50, CancellationToken ct = default) =>
        new(features.NearestNeighbours(neighbours, ct));

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max)
    {
        var acc = new ScoreAccumulator(Neighbours.Count);
        foreach (var h in query.History)
        {
            Spread(acc, h.Item, h.Affinity, h.LastDay);
        }
        foreach (var b in query.Basket)
        {
            Spread(acc, b, ItemKnnModel.BasketWeight, 0);
        }
        return acc.Top(max, query.Allows);
    }

    /// <summary>Items whose description most resembles <paramref name="item"/>'s.</summary>
    public IReadOnlyList<Candidate> Similar(int item, int max)
    {
        var acc = new ScoreAccumulator(Neighbours.Count);
        Spread(acc, item, 1f, 0);
        return acc.Top(max);
    }

    private void Spread(ScoreAccumulator acc, int anchor, float weight, int day)
    {
        if (anchor < 0 || anchor >= Neighbours.Count)
        {
            return;
        }
        var items = Neighbours.Items[anchor];
        var sims = Neighbours.Similarities[anchor];
        for (var k = 0; k < items.Length; k++)
        {
            acc.Add(items[k], weight * sims[k], new Evidence(EvidenceKind.SimilarItem, anchor, Share: sims[k], Day: day));
        }
    }

    public void Write(BinaryWriter w) => Neighbours.Write(w);

    public static ContentModel Read(BinaryReader r) => new(ItemNeighbours.Read(r));
}
