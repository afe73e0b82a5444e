using System.Globalization;
using System.Text;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Tests.Recommendations;

namespace RetailRecs.Core.Tests.Evaluation;

/// <summary>
/// Two small shops, generated with a fixed seed, whose right answer is known by construction. In the
/// <see cref="BestSellersShop"/> every customer picks from the same skewed list independently, so nothing predicts a
/// customer's next purchase better than best sellers. In the <see cref="TasteShop"/> customers keep to one of a few
/// groups of products, so models that learn what goes with what beat best sellers by far.
/// </summary>
internal sealed record SyntheticShops(IReadOnlyList<string> Products, IReadOnlyList<(int Customer, int DaysAgo, string[] Items)> Baskets)
{
    public const int Customers = 300;
    public const int Days = 180;

    public static SyntheticShops BestSellersShop()
    {
        var random = new Random(7);
        var products = Enumerable.Range(0, 60).Select(Name).ToList();
        // Zipf-like: item i is chosen with weight 1 / (i + 1).
        var weights = products.Select((_, i) => 1.0 / (i + 1)).ToArray();
        return Generate(random, products, _ => weights);
    }

    public static SyntheticShops TasteShop()
    {
        var random = new Random(11);
        const int groups = 10;
        var products = Enumerable.Range(0, groups * 8).Select(Name).ToList();
        var tastes = Enumerable.Range(0, Customers).Select(_ => random.Next(groups)).ToArray();
        return Generate(random, products, c => products.Select((_, i) => i / 8 == tastes[c] ? 1.0 : 0.0).ToArray());
    }

    private static readonly string[] Kinds = ["fresh", "organic", "smoked", "frozen", "sliced", "whole", "spicy", "sweet"];
    private static readonly string[] Foods = ["apples", "cheese", "salmon", "bread", "peppers", "milk", "beans", "coffee", "yoghurt", "noodles"];

    /// <summary>A grocer's product name; the i-th product of a taste group of 8 gets a different food each, so text does not give the groups away.</summary>
    private static string Name(int i) => $"{Kinds[i % 8]} {Foods[(i / 8 + i % 8) % 10]}";

    /// <summary>Each customer shops 4 to 9 times over the period, 2 or 3 distinct products a visit.</summary>
    private static SyntheticShops Generate(Random random, List<string> products, Func<int, double[]> weightsOf)
    {
        var baskets = new List<(int, int, string[])>();
        for (var c = 0; c < Customers; c++)
        {
            var weights = weightsOf(c);
            var visits = random.Next(4, 10);
            for (var v = 0; v < visits; v++)
            {
                var items = new HashSet<string>();
                var size = random.Next(2, 4);
                while (items.Count < size)
                {
                    items.Add(products[Draw(random, weights)]);
                }
                baskets.Add((c, random.Next(Days), items.ToArray()));
            }
        }
        return new SyntheticShops(products, baskets);
    }

    private static int Draw(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return Array.FindLastIndex(weights, w => w > 0);
    }

    public TrainingData Build()
    {
        var shop = new HandMadeData();
        foreach (var p in Products)
        {
            shop.Item(p, p);
        }
        foreach (var (customer, daysAgo, items) in Baskets)
        {
            shop.Basket(customer, daysAgo, items);
        }
        return shop.Build();
    }

    /// <summary>As a small grocer exports it: member number, date and item name only (no invoice, code or price).</summary>
    public string ToGrocerCsv()
    {
        var today = new DateOnly(2015, 12, 30);
        var csv = new StringBuilder("Member_number,Date,itemDescription\n");
        foreach (var (customer, daysAgo, items) in Baskets)
        {
            foreach (var item in items)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{1000 + customer},{today.AddDays(-daysAgo):dd-MM-yyyy},{item}\n");
            }
        }
        return csv.ToString();
    }
}
