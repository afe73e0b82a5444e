using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Tests.Segmentation;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class FeatureEncoderTests
{
    [Fact]
    public void Encode_Behaviour_IsLogScaledThenStandardisedToMean0AndVariance1()
    {
        var customers = new[]
        {
            SyntheticCustomers.Customer(1, recency: 0, frequency: 1, monetary: 100),
            SyntheticCustomers.Customer(2, recency: 10, frequency: 3, monetary: 1000),
            SyntheticCustomers.Customer(3, recency: 100, frequency: 9, monetary: 10000),
        };

        var matrix = FeatureEncoder.Encode(customers, []);

        for (var d = 0; d < 3; d++)
        {
            var column = matrix.Rows.Select(r => (double)r[d]).ToArray();
            Assert.Equal(0, column.Average(), 4);
            // ML.NET standardises with the population variance (divides by n).
            Assert.Equal(1, column.Sum(x => x * x) / column.Length, 3);
        }
        // Monetary: log(1 + x) is spaced evenly for 100, 1000, 10000 (to within the +1), so the middle customer sits at the mean.
        Assert.Equal(0, matrix.Rows[1][2], 2);
        Assert.True(matrix.Rows[0][0] < matrix.Rows[1][0] && matrix.Rows[1][0] < matrix.Rows[2][0]);
    }

    [Fact]
    public void Encode_Demographics_AreOneHotWhenEnoughCustomersHaveThem_LeftOutWhenNot()
    {
        var customers = Enumerable.Range(1, 10).Select(i => SyntheticCustomers.Customer(i, recency: i,
            gender: i <= 6 ? (i % 2 == 0 ? "Female" : "Male") : null,
            region: i == 1 ? "North" : null)).ToList();

        var matrix = FeatureEncoder.Encode(customers, ["Candles"]);

        Assert.Contains("Gender: Female", matrix.Names);
        Assert.Contains("Gender: Male", matrix.Names);
        Assert.Contains("Gender: unknown", matrix.Names);
        Assert.DoesNotContain(matrix.Names, n => n.StartsWith("Region", StringComparison.Ordinal));
        Assert.Equal(matrix.Names.Count, matrix.Rows[0].Length);
        var female = matrix.Names.ToList().IndexOf("Gender: Female");
        Assert.Equal(1f, matrix.Rows[1][female]);
        Assert.Equal(0f, matrix.Rows[0][female]);
    }

    [Fact]
    public void Encode_CategoryShares_AreKeptAsSharesWithTheRestPooledAsOther()
    {
        var customers = new[]
        {
            SyntheticCustomers.Customer(1, shares: new Dictionary<string, double> { ["Candles"] = 0.75, ["Other"] = 0.25 }),
            SyntheticCustomers.Customer(2, shares: new Dictionary<string, double> { ["Mugs"] = 1.0 }),
        };

        var matrix = FeatureEncoder.Encode(customers, ["Candles", "Mugs"]);

        var names = matrix.Names.ToList();
        Assert.Equal(0.75f, matrix.Rows[0][names.IndexOf("Share of spend: Candles")]);
        Assert.Equal(0.25f, matrix.Rows[0][names.IndexOf("Share of spend: Other")]);
        Assert.Equal(1f, matrix.Rows[1][names.IndexOf("Share of spend: Mugs")]);
    }

    [Theory]
    [InlineData(2000, 2011, "under 25")]
    [InlineData(1980, 2011, "25–34")]
    [InlineData(1946, 2011, "65+")]
    [InlineData(2015, 2011, null)]
    [InlineData(null, 2011, null)]
    public void AgeBand_BirthYear_GivesItsBandOrNullWhenUnknown(int? born, int year, string? band) => Assert.Equal(band, CustomerFeatureLoader.AgeBand(born, year));
}
