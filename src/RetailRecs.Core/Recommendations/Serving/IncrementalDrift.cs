using System.Text.Json;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// How far the live increments kept the serving model from what a full retraining learns: for the customers who
/// bought through the API since the champion was trained, the share of the top-10 that the champion-plus-increments
/// and the newly trained model of the same algorithm have in common. 1 means the increments did the retraining's job.
/// </summary>
public sealed class IncrementalDrift(ModelRegistry registry, LiveUpdates live)
{
    public const int ListLength = 10;
    /// <summary>Customers compared at most: enough for a stable figure, quick enough to run after every training.</summary>
    public const int MaxCustomers = 300;

    public sealed record Measure(double Overlap, int Customers, int ChampionRunId);

    /// <summary>The measure for <paramref name="retrained"/>, or null when the champion is another algorithm or nobody bought since it was trained.</summary>
    public async Task<Measure?> MeasureAsync(ModelBundle retrained, CancellationToken ct = default)
    {
        if (live.PendingCustomers == 0)
        {
            // Nobody bought since through this process (always so for the CLI's training): nothing to compare, and no
            // reason to load the champion beside the models just trained, at the job's peak of memory.
            return null;
        }
        var champion = await registry.GetChampionAsync(ct);
        if (champion is null || champion.Bundle.Algorithm != retrained.Algorithm)
        {
            return null;
        }
        var served = champion.Bundle;
        var customers = live.CustomersAfter(served.Learned).Take(MaxCustomers).ToList();
        if (customers.Count == 0)
        {
            return null;
        }
        var overlaps = customers.Select(id =>
        {
            var incremental = ListOf(served, live.WithHistory(id, served.HistoryOf(served.CustomerOf(id)), served.Learned, served.ItemOf), served.CustomerOf(id));
            var full = ListOf(retrained, retrained.HistoryOf(retrained.CustomerOf(id)), retrained.CustomerOf(id));
            return (double)incremental.Intersect(full).Count() / ListLength;
        }).ToList();
        return new Measure(overlaps.Average(), customers.Count, champion.RunId);
    }

    /// <summary>The measure as stored in <c>ModelRun.Metrics</c> (other keys, such as the champion selection, are added beside it).</summary>
    public static string ToJson(Measure m) => JsonSerializer.Serialize(new Stored(m.Overlap, m.Customers, m.ChampionRunId), Json);

    /// <summary>The measure stored with a run, or null for a run without one.</summary>
    public static Measure? MeasureOf(string? metrics)
    {
        if (metrics is null || !metrics.Contains($"\"{OverlapKey}\"", StringComparison.Ordinal))
        {
            return null;
        }
        return JsonSerializer.Deserialize<Stored>(metrics, Json) is { IncrementalOverlap: { } overlap } stored
            ? new Measure(overlap, stored.Customers, stored.ChampionRunId)
            : null;
    }

    private const string OverlapKey = "incrementalOverlap";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored shape: <c>{"incrementalOverlap":…,"customers":…,"championRunId":…}</c>.</summary>
    private sealed record Stored(double? IncrementalOverlap, int Customers, int ChampionRunId);

    /// <summary>Product ids of a discovery top-10, through the serving rules.</summary>
    private static List<int> ListOf(ModelBundle bundle, IReadOnlyList<HistoryEntry> history, int? customer) =>
        ServingRules.ListFor(bundle, bundle.Ranker, history, customer ?? -1, newItemsOnly: true, history.Select(h => h.Item).ToHashSet(), ListLength)
            .Select(c => bundle.Items[c.Item].ProductId).ToList();
}
