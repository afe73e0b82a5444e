using RetailRecs.Core.Catalog;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Catalog;

public class ProductSearchTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var heart = Product("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m);
        var lantern = Product("71053", "WHITE METAL LANTERN", 3.39m);
        var hanger = Product("84406B", "CREAM CUPID HEARTS COAT HANGER", 2.75m);
        await using var db = _database.CreateContext();
        db.AddRange(heart, lantern, hanger);
        db.Add(Order("1", null, new DateTime(2011, 1, 1), (hanger, 50, 2.75m), (heart, 6, 2.55m)));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<List<string>> SkusFor(string? text) => (await _database.Get<ProductSearch>().SearchAsync(text)).Select(h => h.Sku).ToList();

    [Fact]
    public async Task SearchAsync_WordsInAnyCase_MatchNamesContainingAllOfThem_BestSellersFirst()
    {
        Assert.Equal(["84406B", "85123A"], await SkusFor("heart"));
        Assert.Equal(["85123A"], await SkusFor("white heart"));
    }

    [Theory]
    [InlineData("85123A", "85123A")]
    [InlineData(" 85123a ", "85123A")] // a scanner or a hand in any case
    [InlineData("85123", null)]        // a prefix is a search, not a scan
    [InlineData("", null)]
    public async Task ExactAsync_Code_FindsTheProductWithExactlyThatSku(string code, string? expected) =>
        Assert.Equal(expected, (await _database.Get<ProductSearch>().ExactAsync(code))?.Sku);

    [Fact]
    public async Task ExactAsync_WithdrawnProduct_IsNotFound()
    {
        await using (var db = _database.CreateContext())
        {
            db.Products.Single(p => p.Sku == "71053").IsActive = false;
            await db.SaveChangesAsync();
        }

        Assert.Null(await _database.Get<ProductSearch>().ExactAsync("71053"));
    }

    [Fact]
    public async Task SearchAsync_SkuPrefix_FindsTheProduct() => Assert.Equal(["71053"], await SkusFor("7105"));

    [Fact]
    public async Task SearchAsync_NoText_ListsEverythingBestSellersFirst() => Assert.Equal(["84406B", "85123A", "71053"], await SkusFor(null));

    [Fact]
    public async Task SearchAsync_NoMatch_IsEmpty() => Assert.Empty(await SkusFor("bicycle"));
}
