using RetailRecs.Core.Customers;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Customers;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class FictionalProfileGeneratorTests
{
    private static Customer Generate(string code, int ordinal)
    {
        var customer = new Customer { CustomerCode = code };
        FictionalProfileGenerator.Fill(customer, ordinal);
        return customer;
    }

    [Fact]
    public void Fill_SameCode_GivesTheSameProfileEveryTime()
    {
        var a = Generate("17850", 3);
        var b = Generate("17850", 3);

        Assert.Equal((a.FirstName, a.LastName, a.Email, a.Phone, a.LoyaltyNumber, a.BirthYear), (b.FirstName, b.LastName, b.Email, b.Phone, b.LoyaltyNumber, b.BirthYear));
    }

    [Fact]
    public void Fill_DifferentCodes_GiveDifferentPeople()
    {
        var names = Enumerable.Range(12000, 200).Select(i => Generate(i.ToString(), i)).Select(c => c.Email).ToHashSet();

        Assert.Equal(200, names.Count);
    }

    [Fact]
    public void LoyaltyNumberFor_DistinctNumericCodes_AreDistinct()
    {
        var numbers = Enumerable.Range(12346, 6000).Select(i => FictionalProfileGenerator.LoyaltyNumberFor(i.ToString())).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^RR[0-9]{8}$", n));
    }
}
