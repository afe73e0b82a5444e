using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Admin;

namespace RetailRecs.Web.Tests.Pages.Admin;

/// <summary>The API keys page (bUnit) over the app's services on a real SQLite file.</summary>
public class ApiKeysPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        // The first key's insert waits here, as on a busy database, while the admin presses again.
        Services.AddSingleton<IInterceptor>(new AfterCommand(sql => sql.Contains("INSERT INTO \"ApiKeys\"", StringComparison.Ordinal), () => _stored.Task));
        _database.AddDomainLayerTo(Services);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A double tap made two working keys under one name, one of them with a secret nobody ever saw.</summary>
    [Fact]
    public async Task Create_PressedAgainWhileTheFirstKeyIsStored_CreatesOneKey()
    {
        SignInAs(StaffRoles.Admin);
        var page = Render<ApiKeysPage>();
        await page.InvokeAsync(() => page.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("Till 3, Manchester"));

        var first = page.InvokeAsync(() => page.Find("[data-testid=create-key]").ClickAsync(new()));
        var second = page.InvokeAsync(() => page.Find("[data-testid=create-key]").ClickAsync(new()));
        _stored.SetResult();
        await Task.WhenAll(first, second);

        page.WaitForAssertion(() => Assert.Contains("rr_", page.Find("[data-testid=secret]").TextContent));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.ApiKeys.CountAsync(k => k.Name == "Till 3, Manchester"));
    }
}
