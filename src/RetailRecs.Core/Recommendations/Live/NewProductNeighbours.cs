using System.Runtime.CompilerServices;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Live;

/// <summary>
/// "Similar items" for a product newer than the serving model: its words against the model's catalog, weighted by how
/// rare each word is there (IDF), cosine-ranked, like the content model's unigrams. The next training gives it proper
/// ML.NET text neighbours; until then it has these at once.
/// </summary>
public static class NewProductNeighbours
{
    private sealed class Index(Dictionary<string, double> idf, List<(int Item, Dictionary<string, double> Weights, double Norm)> items)
    {
        public Dictionary<string, double> Idf { get; } = idf;
        public List<(int Item, Dictionary<string, double> Weights, double Norm)> Items { get; } = items;
    }

    private static readonly ConditionalWeakTable<ModelBundle, Index> Indexes = [];

    private static readonly char[] Separators = [' ', '/', '-', ',', '.', '&', '+', '(', ')', '\''];

    public static IReadOnlyList<Candidate> For(ModelBundle bundle, string text, int max)
    {
        var index = Indexes.GetValue(bundle, Build);
        var words = Words(text).Where(index.Idf.ContainsKey).ToHashSet();
        if (words.Count == 0)
        {
            return [];
        }
        var query = words.ToDictionary(w => w, w => index.Idf[w]);
        var queryNorm = Math.Sqrt(query.Values.Sum(v => v * v));
        return index.Items
            .Select(i => (i.Item, Score: i.Weights.Where(w => query.ContainsKey(w.Key)).Sum(w => w.Value * query[w.Key]) / (i.Norm * queryNorm)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
            .Take(max)
            .Select(x => new Candidate(x.Item, (float)x.Score, new Evidence(EvidenceKind.SimilarItem)))
            .ToList();
    }

    private static Index Build(ModelBundle bundle)
    {
        var texts = bundle.Items.Select(i => Words(i.Text).ToHashSet()).ToList();
        var df = new Dictionary<string, int>();
        foreach (var word in texts.SelectMany(t => t))
        {
            df[word] = df.GetValueOrDefault(word) + 1;
        }
        var idf = df.ToDictionary(d => d.Key, d => Math.Log((1.0 + texts.Count) / (1 + d.Value)) + 1);
        var items = texts.Select((t, i) =>
        {
            var weights = t.ToDictionary(w => w, w => idf[w]);
            return (i, weights, Math.Sqrt(weights.Values.Sum(v => v * v)));
        }).Where(x => x.Item3 > 0 && bundle.Items[x.i].Recommendable).ToList();
        return new Index(idf, items);
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 1 && !w.All(char.IsDigit));
}
