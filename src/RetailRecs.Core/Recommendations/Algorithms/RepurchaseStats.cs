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

    /// <summary>
    /// The counts, customer by customer: their purchases' positions grouped by a counting sort, then each customer's
    /// sorted by item. A dictionary of every (customer, item) pair, as before, held tens of millions of entries on a
    /// chain's sales (about a gigabyte at 100× the Online Retail data) and took seconds at every training.
    /// </summary>
    public static RepurchaseStats Count(TrainingData data)
    {
        var all = PurchasesBefore.Span(data.Purchases, out var end);
        var customers = data.CustomerCount;
        var (start, byCustomer) = PurchaseGroups.Of(all, end, customers, p => p.Customer);

        var buyers = new int[data.ItemCount];
        var repeaters = new int[data.ItemCount];
        var intervals = new List<float>?[data.ItemCount];
        var orders = new int[customers];
        var firstDay = new int[customers];
        var keys = new long[64];
        var baskets = new int[64];
        for (var c = 0; c < customers; c++)
        {
            var n = start[c + 1] - start[c];
            if (n == 0)
            {
                continue;
            }
            if (keys.Length < n)
            {
                keys = new long[Math.Max(n, keys.Length * 2)];
                baskets = new int[keys.Length];
            }
            var first = int.MaxValue;
            for (var k = 0; k < n; k++)
            {
                var p = all[byCustomer[start[c] + k]];
                keys[k] = ((long)p.Item << 32) | (uint)p.Day;
                baskets[k] = p.Basket;
                first = Math.Min(first, p.Day);
            }
            firstDay[c] = first;
            Array.Sort(baskets, 0, n);
            var distinct = 1;
            for (var k = 1; k < n; k++)
            {
                distinct += baskets[k] != baskets[k - 1] ? 1 : 0;
            }
            orders[c] = distinct;
            // By item, then by day: each item's run gives its first and last day and how many times it was bought.
            Array.Sort(keys, 0, n);
            for (var k = 0; k < n;)
            {
                var item = (int)(keys[k] >> 32);
                var from = k;
                for (; k < n && (int)(keys[k] >> 32) == item; k++)
                {
                }
                var times = k - from;
                buyers[item]++;
                if (times >= 2)
                {
                    repeaters[item]++;
                    var (firstBought, lastBought) = ((int)(uint)keys[from], (int)(uint)keys[k - 1]);
                    (intervals[item] ??= []).Add((lastBought - firstBought) / (float)(times - 1));
                }
            }
        }
        var rate = new float[data.ItemCount];
        var interval = new float[data.ItemCount];
        for (var i = 0; i < data.ItemCount; i++)
        {
            rate[i] = buyers[i] == 0 ? 0 : (float)repeaters[i] / buyers[i];
            interval[i] = intervals[i] is { } list ? Median(list) : 0;
        }
        return new RepurchaseStats(rate, interval, orders, firstDay);
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
