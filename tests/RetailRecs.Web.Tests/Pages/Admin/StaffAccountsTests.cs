using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Admin;

namespace RetailRecs.Web.Tests.Pages.Admin;

/// <summary>The staff accounts page (bUnit) over ASP.NET Core Identity on a real SQLite file.</summary>
public class StaffAccountsTests : StaffComponentTestContext, IAsyncLifetime
{
    private const string OnlyAdmin = "boss@store.example";
    private TestDatabase _database = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var scope = _database.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSeeder>().SeedAsync(
                new SeedOptions { AdminEmail = OnlyAdmin, AdminPassword = "head-office-key-1" }, requireAdmin: true);
        }
        Services.AddLogging();
        Services.AddRetailRecsCore(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = _database.FilePath }, null,
            new SeedOptions(), Path.GetDirectoryName(_database.FilePath)!);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SetRole_LastActiveAdminToManager_RefusedInWords_AndTheAccountStaysAdmin()
    {
        SignInAs(StaffRoles.Admin); // another admin's session (the account was removed since): the last one in the list is not the actor
        var page = Render<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Contains(OnlyAdmin, page.Find("[data-testid=staff-table]").TextContent));

        page.Find("button[aria-label='Manage Administrator']").Click();
        var role = page.FindComponents<MudSelect<string>>().First(); // the managed account's; the new-account form's comes after
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(StaffRoles.Manager));

        var said = Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => (s.Message, s.Severity)).ToList();
        Assert.Equal([("This is the last active admin: make someone else Admin first.", Severity.Error)], said);
        var stored = (await _database.Get<StaffAccountService>().ListAsync()).Single(a => a.Email == OnlyAdmin);
        Assert.Equal(StaffRoles.Admin, stored.Role);
        Assert.Contains(StaffRoles.Admin, page.Find("[data-testid=staff-table] tbody tr").TextContent);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action == "staff.role-changed"));
    }
}
