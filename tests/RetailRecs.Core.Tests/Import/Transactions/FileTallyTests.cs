using RetailRecs.Core.Import.Transactions;

namespace RetailRecs.Core.Tests.Import.Transactions;

/// <summary>
/// The file's counts per product and its customers' countries, kept on disk chunk by chunk: the usual name and price
/// are the whole file's most frequent ones, whichever chunks the lines came in; a customer keeps the first country
/// given; the tally's file goes with it.
/// </summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class FileTallyTests
{
    private static readonly DateTime Monday = new(2011, 3, 7, 9, 30, 0);

    [Fact]
    public void Products_CountsAddedOverSeveralChunks_MostFrequentNameAndPriceOfTheWholeFile()
    {
        using var tally = new FileTally();
        var first = new ProductCounts();
        Seen(first, "A1", Monday.AddDays(3));
        first.Descriptions[("A1", "RED MUG")] = 3;
        first.Descriptions[("A1", "MUG RED")] = 2;
        first.Prices[("A1", 2.95m)] = 4;
        first.Prices[("A1", 2.55m)] = 2;
        tally.Add(first);
        var second = new ProductCounts();
        Seen(second, "A1", Monday);
        Seen(second, "B2", Monday.AddDays(1));
        second.Descriptions[("A1", "MUG RED")] = 2; // 4 in all: the later chunk's name wins
        second.Prices[("A1", 2.550m)] = 3; // the same price as 2.55: 5 in all, against 4 at 2.95
        tally.Add(second);

        var products = tally.Products().ToDictionary(p => p.Sku);

        Assert.Equal(["A1", "B2"], products.Keys.Order());
        Assert.Equal("MUG RED", products["A1"].Name);
        Assert.Equal(2.55m, products["A1"].UnitPrice);
        Assert.Equal(Monday, products["A1"].FirstSeenAt); // the earliest, though met in the second chunk
        Assert.Null(products["B2"].Name);
        Assert.Null(products["B2"].UnitPrice);
        Assert.True(tally.IsNamed("A1"));
        Assert.False(tally.IsNamed("B2"));
        Assert.False(tally.IsNamed("C3"));
    }

    [Fact]
    public void Products_Ties_FirstNameInOrdinalOrderAndLowestPrice_NonMerchandiseKept()
    {
        using var tally = new FileTally();
        var chunk = new ProductCounts();
        chunk.Products["POST"] = new ProductCounts.Seen(Monday, IsNonMerchandise: true);
        chunk.Descriptions[("POST", "postage")] = 2;
        chunk.Descriptions[("POST", "POSTAGE")] = 2;
        chunk.Prices[("POST", 18m)] = 2;
        chunk.Prices[("POST", 15m)] = 2;
        tally.Add(chunk);

        var post = Assert.Single(tally.Products());

        Assert.Equal("POSTAGE", post.Name); // 'P' (0x50) before 'p' (0x70)
        Assert.Equal(15m, post.UnitPrice);
        Assert.True(post.IsNonMerchandise);
    }

    [Fact]
    public void CountryOf_TheFirstCountryGiven_NullUntilOneIs()
    {
        using var tally = new FileTally();
        Assert.Null(tally.CountryOf("17850"));
        tally.AddCountries([("17850", "United Kingdom")]);
        tally.AddCountries([("17850", "France"), ("12583", "France")]); // a later row's country does not replace it

        Assert.Equal("United Kingdom", tally.CountryOf("17850"));
        Assert.Equal("France", tally.CountryOf("12583"));
        Assert.Null(tally.CountryOf("99999"));
    }

    [Fact]
    public void Dispose_LetsTheFileGo_AndAnEmptyTallyMakesNone()
    {
        var tally = new FileTally();
        Assert.Empty(tally.Products());
        Assert.Null(tally.FilePath);
        var chunk = new ProductCounts();
        Seen(chunk, "A1", Monday);
        tally.Add(chunk);
        var path = tally.FilePath;
        Assert.True(File.Exists(path));

        tally.Dispose();

        Assert.False(File.Exists(path));
    }

    private static void Seen(ProductCounts chunk, string sku, DateTime at) => chunk.Products[sku] = new ProductCounts.Seen(at, false);
}
