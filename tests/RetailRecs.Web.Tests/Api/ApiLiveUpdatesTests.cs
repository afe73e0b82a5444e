using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Testing;
using RetailRecs.Web.Api;

namespace RetailRecs.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class ApiLiveUpdatesTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Suggestions_NewCustomerAfterOneSale_ProductsBoughtWithItMoveIntoTheirList()
    {
        await ApiClient.WaitForChampionAsync(app);
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var code = $"NEW-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/customers/{code}", new { firstName = "Grace", country = "United Kingdom" })).StatusCode);

        var before = (await client.GetFromJsonAsync<ApiSuggestionList>($"/api/v1/customers/{code}/suggestions"))!;
        Assert.False(before.Personalised);
        var sale = await ApiClient.PostEventsAsync(client, new { events = new[] { new { type = "purchase", customerId = code, productId = "85123A", quantity = 6 } } });
        Assert.Equal(HttpStatusCode.Accepted, sale.StatusCode);
        var after = (await client.GetFromJsonAsync<ApiSuggestionList>($"/api/v1/customers/{code}/suggestions"))!;

        Assert.True(after.Personalised);
        // Products now suggested because of that sale, that were not there before.
        var movedIn = after.Items.Where(s => s.Reason.Contains("White Hanging Heart T-Light Holder") && before.Items.All(b => b.Sku != s.Sku)).ToList();
        Assert.NotEmpty(movedIn);
        Assert.DoesNotContain(after.Items, s => s.Sku == "85123A"); // discovery: not what they just bought
    }

    [Fact]
    public async Task PostEvents_Sale_CountsAtOnceInWhatIsBoughtTogether()
    {
        await ApiClient.WaitForChampionAsync(app);
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var before = (await client.GetFromJsonAsync<ApiSuggestionList>("/api/v1/products/85123A/bought-together?count=10"))!;
        // A product the model knows, of a category the list does not show yet (so the diversity cap cannot hide it).
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var shownCategories = before.Items.Select(s => s.Category).ToList();
        var shownSkus = before.Items.Select(s => s.Sku).Append("85123A").ToList();
        var partner = await db.Products.Where(p => p.IsActive && !p.IsNonMerchandise && !shownSkus.Contains(p.Sku)
                && !shownCategories.Contains(p.Category ?? p.AutoCategory) && db.OrderLines.Count(l => l.ProductId == p.Id) >= 3)
            .OrderBy(p => p.Id).Select(p => p.Sku).FirstAsync();

        for (var i = 0; i < 40; i++)
        {
            var invoice = $"P-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
            var lines = new[] { "85123A", partner }.Select(sku => new { type = "purchase", customerId = "17850", productId = sku, invoice });
            Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, new { events = lines })).StatusCode);
        }
        var after = (await client.GetFromJsonAsync<ApiSuggestionList>("/api/v1/products/85123A/bought-together?count=10"))!;

        var moved = Assert.Single(after.Items, s => s.Sku == partner);
        Assert.StartsWith("Often bought with White Hanging Heart T-Light Holder", moved.Reason);
    }

    [Fact]
    public async Task PutProduct_NewProduct_HasSimilarItemsAtOnceAndIsNewInTheCatalog()
    {
        await ApiClient.WaitForChampionAsync(app);
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var sku = $"N{Guid.NewGuid():N}"[..10].ToUpperInvariant();

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/products/{sku}",
            new { name = "HANGING HEART T-LIGHT LANTERN", unitPrice = 3.95m })).StatusCode);
        var similar = (await client.GetFromJsonAsync<ApiSuggestionList>($"/api/v1/products/{sku}/similar?count=5"))!;

        Assert.Equal(5, similar.Items.Count);
        Assert.All(similar.Items, s => Assert.StartsWith("Similar to Hanging Heart T-Light Lantern", s.Reason));
        Assert.Contains(similar.Items, s => s.Name.Contains("HEART") && s.Name.Contains("T-LIGHT"));
        var recommendations = app.Services.GetService(typeof(RetailRecs.Core.Recommendations.Serving.RecommendationService))
            as RetailRecs.Core.Recommendations.Serving.RecommendationService;
        Assert.Equal(sku, (await recommendations!.NewArrivalsAsync(3)).Items[0].Sku);
    }

    /// <summary>A till's own fee line sent as a product: marked a fee, it is no new arrival; sent as goods again, it is.</summary>
    [Fact]
    public async Task PutProduct_NonMerchandise_NeverANewArrivalUntilSentAsGoodsAgain()
    {
        await ApiClient.WaitForChampionAsync(app);
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var sku = $"F{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        var recommendations = app.Services.GetRequiredService<RetailRecs.Core.Recommendations.Serving.RecommendationService>();

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/products/{sku}",
            new { name = "PORTO UND VERPACKUNG", unitPrice = 4.90m, nonMerchandise = true })).StatusCode);

        Assert.DoesNotContain((await recommendations.NewArrivalsAsync(50)).Items, s => s.Sku == sku);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.Products.Where(p => p.Sku == sku).Select(p => p.IsNonMerchandise).SingleAsync());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/products/{sku}", new { nonMerchandise = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/products/{sku}", new { nonMerchandise = false })).StatusCode);
        Assert.Contains((await recommendations.NewArrivalsAsync(50)).Items, s => s.Sku == sku);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            var id = await db.Products.Where(p => p.Sku == sku).Select(p => p.Id.ToString()).SingleAsync();
            var entries = await db.AuditEntries.Where(a => a.Action == RetailRecs.Core.Catalog.ProductMerchandise.ChangedAction && a.EntityId == id)
                .OrderBy(a => a.Id).Select(a => new { a.Details, a.UserName }).ToListAsync();
            // Once per change (the second "false" changed nothing), each naming the API key that sent it.
            Assert.Equal(["marked not merchandise (fee, postage or voucher)", "merchandise again"], entries.Select(e => e.Details));
            Assert.All(entries, e => Assert.StartsWith("API key '", e.UserName));
        }
    }
}
