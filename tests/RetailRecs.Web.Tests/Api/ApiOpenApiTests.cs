using System.Text.Json;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>The OpenAPI document lists each endpoint's answers as its handler's typed results declare them.</summary>
[Collection(ApiCollection.Name)]
public class ApiOpenApiTests(RetailRecsWebFactory app)
{
    [Theory]
    [InlineData("/api/v1/events", "post", "202 400 409 413 503")]
    [InlineData("/api/v1/products/{sku}", "put", "201 204 400")]
    [InlineData("/api/v1/customers/{code}", "put", "201 204 400")]
    [InlineData("/api/v1/customers/{code}/suggestions", "get", "200 400 404")]
    [InlineData("/api/v1/products/{sku}/bought-together", "get", "200 400 404")]
    [InlineData("/api/v1/products/{sku}/similar", "get", "200 400 404")]
    [InlineData("/api/v1/suggestions/basket", "post", "200 400")]
    public async Task GetOpenApi_EachEndpoint_ListsTheStatusesItsHandlerReturns(string path, string method, string statuses)
    {
        var responses = (await OperationAsync(path, method)).GetProperty("responses");

        Assert.Equal(statuses.Split(' '), responses.EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task GetOpenApi_AnswersWithABody_NameTheirContractAndProblemsTheProblemType()
    {
        var events = (await OperationAsync("/api/v1/events", "post")).GetProperty("responses");
        var suggestions = (await OperationAsync("/api/v1/customers/{code}/suggestions", "get")).GetProperty("responses");

        Assert.EndsWith("/ApiEventsAccepted", Schema(events, "202", "application/json"));
        Assert.EndsWith("/ApiSuggestionList", Schema(suggestions, "200", "application/json"));
        Assert.EndsWith("/HttpValidationProblemDetails", Schema(events, "400", "application/problem+json"));
        Assert.EndsWith("/ProblemDetails", Schema(events, "503", "application/problem+json"));
        Assert.EndsWith("/ProblemDetails", Schema(suggestions, "404", "application/problem+json"));
    }

    private static string Schema(JsonElement responses, string status, string contentType) =>
        responses.GetProperty(status).GetProperty("content").GetProperty(contentType).GetProperty("schema").GetProperty("$ref").GetString()!;

    private async Task<JsonElement> OperationAsync(string path, string method)
    {
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        using var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        return document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).Clone();
    }
}
