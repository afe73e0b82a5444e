using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Tests.Segmentation;

/// <summary>Customers drawn from groups whose behaviour is known, to check that segmentation finds the groups again.</summary>
internal static class SyntheticCustomers
{
    public enum Group { Champion, Hibernating, Newcomer }

    public static (List<CustomerFeatures> Customers, Group[] Truth) Make(int perGroup, int seed = 7)
    {
        var random = new Random(seed);
        var customers = new List<CustomerFeatures>();
        var truth = new List<Group>();
        var id = 1;
        foreach (var group in Enum.GetValues<Group>())
        {
            for (var i = 0; i < perGroup; i++)
            {
                double Around(double centre, double spread) => centre * (1 + spread * (random.NextDouble() * 2 - 1));
                var features = group switch
                {
                    // Bought recently, often and a lot, for a long time.
                    Group.Champion => Customer(id++, recency: (int)Around(2, 0.5), frequency: (int)Around(20, 0.3), monetary: Around(6000, 0.3),
                        basketItems: Around(150, 0.3), tenure: (int)Around(350, 0.1)),
                    // One small order long ago.
                    Group.Hibernating => Customer(id++, recency: (int)Around(280, 0.15), frequency: 1, monetary: Around(120, 0.3),
                        basketItems: Around(20, 0.3), tenure: (int)Around(280, 0.15)),
                    // One order in the last few days: recent, but nothing else yet.
                    _ => Customer(id++, recency: (int)Around(9, 0.3), frequency: 1, monetary: Around(300, 0.3),
                        basketItems: Around(60, 0.3), tenure: (int)Around(9, 0.3)),
                };
                customers.Add(features);
                truth.Add(group);
            }
        }
        return (customers, truth.ToArray());
    }

    public static CustomerFeatures Customer(int id, int recency = 10, int frequency = 3, double monetary = 500, double basketItems = 40,
        int tenure = 100, double returnRate = 0, string? country = "United Kingdom", string? ageBand = null, string? gender = null,
        string? region = null, IReadOnlyDictionary<string, double>? shares = null) =>
        new(id, recency, frequency, monetary, basketItems, monetary / frequency, returnRate, tenure, country, ageBand, gender, region,
            shares ?? new Dictionary<string, double>());

    public static CustomerFeatureLoader.Loaded Loaded(IReadOnlyList<CustomerFeatures> customers, params string[] categories) =>
        new(new DateOnly(2011, 12, 9), customers, categories);
}
