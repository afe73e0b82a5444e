using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RetailRecs.Testing;
using RetailRecs.Web.Api;

namespace RetailRecs.Web.Tests.Api;

/// <summary>The suggestion endpoints asked with codes nobody stored, and a basket that names its customer.</summary>
[Collection(ApiCollection.Name)]
public class ApiSuggestionsTests(RetailRecsWebFactory app)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task GetCustomerSuggestions_UnknownCustomer_Is404SayingWhereToSendThem()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app, "suggestions:read");

        var problem = await ProblemAsync(await client.GetAsync("/api/v1/customers/NO-SUCH-CUSTOMER/suggestions"), HttpStatusCode.NotFound);

        Assert.Equal("No customer 'NO-SUCH-CUSTOMER'. Send them to PUT /api/v1/customers/{code} first.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("bought-together")]
    [InlineData("similar")]
    public async Task GetProductSuggestions_UnknownProduct_Is404SayingWhereToSendIt(string list)
    {
        var (client, _) = await ApiClient.WithKeyAsync(app, "suggestions:read");

        var problem = await ProblemAsync(await client.GetAsync($"/api/v1/products/NO-SUCH-SKU/{list}"), HttpStatusCode.NotFound);

        Assert.Equal("No product 'NO-SUCH-SKU'. Send it to PUT /api/v1/products/{sku} first.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostBasket_NoKnownProduct_Is400OnTheSkus()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app, "suggestions:read");

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/suggestions/basket", new { skus = new[] { "NO-SUCH-SKU" } }),
            HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["skus"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("None of these products is known.", errors.GetProperty("skus")[0].GetString());
    }

    [Theory]
    [InlineData("""{"skus":["85123A",null]}""", "skus[1]")]
    [InlineData("""{"skus":["  "]}""", "skus[0]")]
    public async Task PostBasket_AnEmptySku_Is400NamingIt(string body, string field)
    {
        var (client, _) = await ApiClient.WithKeyAsync(app, "suggestions:read");

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/suggestions/basket",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("Every SKU must be a product code; this one is empty.", errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task PostBasket_UnknownCustomer_Is400OnTheCustomerIdAsForEvents()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app, "suggestions:read");

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/suggestions/basket",
            new { skus = new[] { "85123A" }, customerId = "NO-SUCH-CUSTOMER" }), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["customerId"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("Unknown customer 'NO-SUCH-CUSTOMER': send them to PUT /api/v1/customers/{code} first.", errors.GetProperty("customerId")[0].GetString());
    }

    [Fact]
    public async Task PostBasket_CustomerWhoSaidNotForMe_LeavesThatProductOutOfTheirListOnly()
    {
        await ApiClient.WaitForChampionAsync(app);
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var code = $"BSK-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/customers/{code}", new { firstName = "Ada" })).StatusCode);
        async Task<ApiSuggestionList> BasketAsync(string? customerId)
        {
            var response = await client.PostAsJsonAsync("/api/v1/suggestions/basket", new { skus = new[] { "85123A", "22423" }, customerId, count = 10 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<ApiSuggestionList>())!;
        }
        var before = await BasketAsync(code);
        var unwanted = before.Items[0].Sku;

        var dismissal = await ApiClient.PostEventsAsync(client, new { events = new[] { new { type = "dismissed", customerId = code, productId = unwanted } } });
        Assert.Equal(HttpStatusCode.Accepted, dismissal.StatusCode);
        var theirs = await BasketAsync(code);
        var anonymous = await BasketAsync(null);
        var blank = await BasketAsync("  ");

        Assert.DoesNotContain(theirs.Items, s => s.Sku == unwanted);
        Assert.Equal(10, theirs.Items.Count); // the list is filled up to the count asked for
        Assert.Equal(unwanted, anonymous.Items[0].Sku); // another customer's basket still gets it
        Assert.Equal(anonymous.Items.Select(s => s.Sku), blank.Items.Select(s => s.Sku)); // blank: an anonymous basket
    }
}
