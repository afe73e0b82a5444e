using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

[Trait("Database", "Sqlite")] // the development default: SQLite; not run again on PostgreSQL
[Collection(WebCollection.Name)]
public class DevelopmentSettingsTests(RetailRecsWebFactory app)
{
    [Fact]
    public void Configuration_InDevelopment_HasTheValuesOfTheRootSettingsFile()
    {
        using var root = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.DevelopmentSettings));
        var expected = root.RootElement.GetProperty("Seed").GetProperty("AdminEmail").GetString();
        var config = app.Services.GetRequiredService<IConfiguration>();

        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, config["Seed:AdminEmail"]);
        Assert.Equal("True", config["Seed:DemoData"], ignoreCase: true);
    }

    [Fact]
    public void Configuration_SettingsGivenToTheHost_StillOverrideTheRootFile()
    {
        using var root = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.DevelopmentSettings));
        var inFile = root.RootElement.GetProperty("Logging").GetProperty("LogLevel").GetProperty("Microsoft.AspNetCore").GetString();
        var config = app.Services.GetRequiredService<IConfiguration>();

        Assert.NotEqual("Error", inFile);
        Assert.Equal("Error", config[RetailRecsWebFactory.OverriddenSetting]);
        Assert.Equal(app.DatabasePath, config["Database:SqlitePath"]);
        Assert.True(File.Exists(app.DatabasePath));
    }

    [Theory]
    [InlineData("Associate")]
    [InlineData("Manager")]
    [InlineData("Admin")]
    public async Task SignIn_DemoAccountFromTheRootFile_Succeeds(string role)
    {
        using var client = app.CreateBrowserlikeClient();
        var account = DemoAccounts.For(role);

        var response = await StaffSignIn.PostAsync(client, account.Email, account.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/Account/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Home_AfterStart_ShowsTheSeededDemoData()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);

        var html = await client.GetStringAsync("/");

        Assert.Matches(@"The database holds\s+[1-9][0-9,]*\s+products,\s+[1-9][0-9,]*\s+customers and\s+[1-9][0-9,]*\s+orders", html);
    }
}
