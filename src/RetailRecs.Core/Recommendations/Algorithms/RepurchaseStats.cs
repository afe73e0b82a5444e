using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// How products are bought again and how often customers come back, counted once over the training window: what the
/// hybrid's re-purchase features read beside a customer's own history (which says how often and how lately, not
/// whether this kind of product is bought again at all, nor whether it is due).
/// </summary>
internal sealed class RepurchaseStats
{
    private RepurchaseStats(float[] itemRepurchaseRate, float[] itemInterval, int[] customerOrders, int[] customerFirstDay)
    {
        ItemRepurchaseRate = itemRepurchaseRate;
        ItemInterval = itemInterval;
        CustomerOrders = customerOrders;
        CustomerFirstDay = customerFirstDay;
    }

    /// <summary>Per item: the share of its buyers who bought it in two orders or more.</summary>
    public float[] ItemRepurchaseRate { get; }
    /// <summary>Per item: the median number of days between two purchases of it by the same customer; 0 when nobody bought it twice.</summary>
    public float[] ItemInterval { get; }
    /// <summary>Per customer index: orders placed in the window.</summary>
    public int[] CustomerOrders { get; }
    /// <summary>Per customer index: the day of their first order in the window (0 when none).</summary>
    public int[] CustomerFirstDay { get; }

    /// <summary>No counts (a ranker stored before them): every item and customer reads as unknown.</summary>
    public static RepurchaseStats None { get; } = new([], [], [], []);

    public static RepurchaseStats Count(TrainingData data)
    {
        // Per (customer, item): first and last day, orders. Per customer: distinct orders and the first day.
        var pairs = new Dictionary<long, (int First, int Last, int Orders)>();
        var orders = new HashSet<int>[data.CustomerCount];
        var firstDay = new int[data.CustomerCount];
        foreach (var p in data.Purchases)
        {
            if (p.Customer < 0)
            {
                continue;
            }
            var key = (long)p.Customer * data.ItemCount + p.Item;
            pairs[key] = pairs.TryGetValue(key, out var e)
                ? (Math.Min(e.First, p.Day), Math.Max(e.Last, p.Day), e.Orders + 1)
                : (p.Day, p.Day, 1);
            (orders[p.Customer] ??= []).Add(p.Basket);
            firstDay[p.Customer] = firstDay[p.Customer] == 0 ? p.Day : Math.Min(firstDay[p.Customer], p.Day);
        }
        var buyers = new int[data.ItemCount];
        var repeaters = new int[data.ItemCount];
        var intervals = new List<float>?[data.ItemCount];
        foreach (var (key, e) in pairs)
        {
            var item = (int)(key % data.ItemCount);
            buyers[item]++;
            if (e.Orders >= 2)
            {
                repeaters[item]++;
                (intervals[item] ??= []).Add((e.Last - e.First) / (float)(e.Orders - 1));
            }
        }
        var rate = new float[data.ItemCount];
        var interval = new float[data.ItemCount];
        for (var i = 0; i < data.ItemCount; i++)
        {
            rate[i] = buyers[i] == 0 ? 0 : (float)repeaters[i] / buyers[i];
            interval[i] = intervals[i] is { } list ? Median(list) : 0;
        }
        return new RepurchaseStats(rate, interval, orders.Select(o => o?.Count ?? 0).ToArray(), firstDay);
    }

    private static float Median(List<float> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    public void Write(BinaryWriter w)
    {
        WriteArray(w, ItemRepurchaseRate);
        WriteArray(w, ItemInterval);
        w.Write(CustomerOrders.Length);
        for (var c = 0; c < CustomerOrders.Length; c++)
        {
            w.Write(CustomerOrders[c]);
            w.Write(CustomerFirstDay[c]);
        }
    }

    public static RepurchaseStats Read(BinaryReader r)
    {
        var rate = ReadArray(r);
        var interval = ReadArray(r);
        var customers = r.ReadInt32();
        var orders = new int[customers];
        var first = new int[customers];
        for (var c = 0; c < customers; c++)
        {
            orders[c] = r.ReadInt32();
            first[c] = r.ReadInt32();
        }
        return new RepurchaseStats(rate, interval, orders, first);
    }

    private static void WriteArray(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static float[] ReadArray(BinaryReader r)
    {
        var values = new float[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadSingle();
        }
        return values;
    }
}
