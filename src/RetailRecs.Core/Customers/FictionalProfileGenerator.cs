using Bogus;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Customers;

/// <summary>
/// Gives demo customers a name, email, phone and loyalty number so associates can search for them.
/// Everything is clearly fictional (example.* domains, Ofcom's drama phone range) and deterministic:
/// the same customer code always gets the same profile.
/// </summary>
public static class FictionalProfileGenerator
{
    private static readonly string[] Domains = ["example.com", "example.org", "example.net"];

    /// <param name="customer">Filled in place; its CustomerCode seeds the generator.</param>
    /// <param name="ordinal">The customer's position among those generated, which keeps phone numbers distinct.</param>
    public static void Fill(Customer customer, int ordinal)
    {
        var seed = StableHash(customer.CustomerCode);
        var faker = new Faker("en_GB") { Random = new Randomizer(seed) };
        var gender = faker.PickRandom(Bogus.DataSets.Name.Gender.Female, Bogus.DataSets.Name.Gender.Male);

        customer.FirstName = faker.Name.FirstName(gender);
        customer.LastName = faker.Name.LastName();
        customer.Gender = gender == Bogus.DataSets.Name.Gender.Female ? "Female" : "Male";
        customer.BirthYear = faker.Random.Int(1945, 2005);
        customer.Email = $"{Slug(customer.FirstName)}.{Slug(customer.LastName)}.{customer.CustomerCode}@{faker.PickRandom(Domains)}";
        // 07700 900000–900999 is reserved by Ofcom for fiction: no real phone can ring.
        customer.Phone = $"07700 900{ordinal % 1000:000}";
        customer.LoyaltyNumber = LoyaltyNumberFor(customer.CustomerCode);
        customer.HasFictionalProfile = true;
    }

    /// <summary>"RR" and eight digits; distinct for distinct numeric codes (multiplying by a prime coprime to 10^8 is a bijection).</summary>
    public static string LoyaltyNumberFor(string customerCode)
    {
        var n = long.TryParse(customerCode, out var numeric) ? numeric : (uint)StableHash(customerCode);
        return $"RR{n * 7919 % 100_000_000:00000000}";
    }

    private static string Slug(string s) => new(s.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());

    private static int StableHash(string s) => (int)(Common.StableHash.Of(s) & int.MaxValue);
}
