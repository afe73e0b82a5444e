using System.Net;
using System.Text.Json;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

[Collection(WebCollection.Name)]
public class HealthTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Health_Anonymous_ReportsTheDatabaseHealthy()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("/health");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_Health_HoldsNoAccountOrCustomerData()
    {
        using var client = app.CreateBrowserlikeClient();

        var text = await client.GetStringAsync("/health");

        Assert.DoesNotContain("@", text);
        Assert.DoesNotContain(app.DatabasePath, text);
    }
}
