using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Scoring;

/// <summary>
/// The protocol: a temporal split at a day. Models learn from the sales before it; the test customers are those who
/// bought on both sides; their truth is the distinct products they bought from the split on, kept (net of returns)
/// and recommendable (merchandise, active). In the new-items track, what they bought before the split leaves both
/// their lists and their truth. Products first sold from the split on leave every list and every truth: on the split
/// day nobody could have suggested them (most exports know a product only from its sales), yet a model that reads
/// descriptions would find them in the catalog and be credited for a launch it could not have known about.
/// </summary>
public sealed class HoldoutSplit
{
    /// <summary>A test customer: their index, what they bought after the split (the truth) and what before.</summary>
    public sealed record TestCustomer(int Customer, IReadOnlySet<int> Truth, IReadOnlySet<int> BoughtBefore)
    {
        /// <summary>Products first sold from the split on (one set shared by every test customer): never in a list.</summary>
        public IReadOnlySet<int> NotYetSold { get; init; } = new HashSet<int>();
    }

    private readonly Dictionary<EvaluationTrack, IReadOnlyList<TestCustomer>> _customers = [];

    private HoldoutSplit(TrainingData all, int splitDay)
    {
        All = all;
        SplitDay = splitDay;
        Train = all.Before(splitDay);
        // What each customer bought after the split first (a month), then before it only for those customers: a set of
        // everything every customer ever bought took most of the split's time and memory (30 s at 100× the Online Retail data).
        var before = new HashSet<int>?[all.CustomerCount];
        var after = new HashSet<int>?[all.CustomerCount];
        foreach (var p in all.Purchases)
        {
            if (p.Customer >= 0 && p.Day >= splitDay)
            {
                (after[p.Customer] ??= []).Add(p.Item);
            }
        }
        foreach (var p in all.Purchases)
        {
            if (p.Customer >= 0 && p.Day < splitDay && after[p.Customer] is not null)
            {
                (before[p.Customer] ??= []).Add(p.Item);
            }
        }
        // Items a customer sent back during the held-out days at least as many of as they bought then (counted only
        // for what was sent back: a dictionary of every held-out purchase would be millions of entries in a chain).
        // Only returns from the first held-out purchase of the item on: one before it sent back something bought
        // before the split, and a customer who returned last month's and bought it again kept the new one.
        var heldOutReturns = all.Returns.Where(r => r.Day >= splitDay).ToList();
        var boughtAfter = heldOutReturns.Select(r => (r.Customer, r.Item)).Distinct().ToDictionary(k => k, _ => (FirstDay: int.MaxValue, Quantity: 0f));
        if (boughtAfter.Count > 0)
        {
            foreach (var p in all.Purchases)
            {
                if (p.Day >= splitDay && boughtAfter.TryGetValue((p.Customer, p.Item), out var b))
                {
                    boughtAfter[(p.Customer, p.Item)] = (Math.Min(b.FirstDay, p.Day), b.Quantity + p.Quantity);
                }
            }
        }
        var returnedAfter = heldOutReturns.Where(r => r.Day >= boughtAfter[(r.Customer, r.Item)].FirstDay)
            .GroupBy(r => (r.Customer, r.Item))
            .Where(g => g.Sum(r => r.Quantity) >= boughtAfter[g.Key].Quantity)
            .Select(g => g.Key)
            .ToHashSet();
        var soldBefore = new bool[all.Items.Count];
        foreach (var p in all.Purchases)
        {
            soldBefore[p.Item] |= p.Day < splitDay;
        }
        var notYetSold = Enumerable.Range(0, soldBefore.Length).Where(i => !soldBefore[i]).ToHashSet();
        NotYetSold = notYetSold;
        var repeat = new List<TestCustomer>();
        var fresh = new List<TestCustomer>();
        for (var c = 0; c < all.CustomerCount; c++)
        {
            if (before[c] is not { } b || after[c] is not { } a)
            {
                continue;
            }
            // Kept: still in the whole window's history once returns are netted, and not sent back during the held-out
            // days (bought then and returned then is nothing the customer went on to buy).
            var kept = all.Histories[c].Select(h => h.Item).ToHashSet();
            var truth = a.Where(i => kept.Contains(i) && all.Items[i].Recommendable && !returnedAfter.Contains((c, i)) && soldBefore[i]).ToHashSet();
            if (truth.Count > 0)
            {
                repeat.Add(new TestCustomer(c, truth, b) { NotYetSold = notYetSold });
            }
            var newTruth = truth.Where(i => !b.Contains(i)).ToHashSet();
            if (newTruth.Count > 0)
            {
                fresh.Add(new TestCustomer(c, newTruth, b) { NotYetSold = notYetSold });
            }
        }
        _customers[EvaluationTrack.Repeat] = repeat;
        _customers[EvaluationTrack.New] = fresh;
    }

    public TrainingData All { get; }
    public TrainingData Train { get; }
    public int SplitDay { get; }

    /// <summary>Products with no sale before the split: out of every list and every truth.</summary>
    public IReadOnlySet<int> NotYetSold { get; }

    public IReadOnlyList<TestCustomer> CustomersFor(EvaluationTrack track) => _customers[track];

    public static HoldoutSplit Create(TrainingData all, EvaluationOptions options)
    {
        var splitDay = options.SplitDate?.DayNumber ?? all.LastDay - options.HoldoutDays + 1;
        if (splitDay <= all.FirstDay || splitDay > all.LastDay)
        {
            throw new EvaluationException(
                $"The split date {DateOnly.FromDayNumber(splitDay):yyyy-MM-dd} leaves no sales on one side: the data runs from " +
                $"{DateOnly.FromDayNumber(all.FirstDay):yyyy-MM-dd} to {DateOnly.FromDayNumber(all.LastDay):yyyy-MM-dd}.");
        }
        var split = new HoldoutSplit(all, splitDay);
        if (options.Tracks.All(t => split.CustomersFor(t).Count == 0))
        {
            throw new EvaluationException("No customer bought both before and after the split date, so there is nothing to test against. " +
                                          "Choose an earlier split date or import a longer period.");
        }
        return split;
    }
}
