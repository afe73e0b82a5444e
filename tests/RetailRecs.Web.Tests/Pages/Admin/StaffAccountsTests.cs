using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core;
using RetailRecs.Core.Common.Audit;
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
        Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(_busy);
        // While on, the first change to an account waits (as on a busy database) until the test lets it go.
        Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(
            new AfterCommand(sql => _holdAccountWrites && sql.Contains("UPDATE \"AspNetUsers\"", StringComparison.Ordinal), () => _accountWritten.Task));
        _database.AddDomainLayerTo(Services);
    }

    // While on, a role change meets a database another program holds.
    private readonly BusyCommands _busy = new(sql => sql.Contains("DELETE FROM \"AspNetUserRoles\"", StringComparison.Ordinal)) { On = false };

    private bool _holdAccountWrites;
    private readonly TaskCompletionSource _accountWritten = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A second press while the first reset was stored reset the password twice: two audit entries, one for nothing.</summary>
    [Fact]
    public async Task ResetPassword_PressedAgainWhileTheFirstIsStored_ResetsAndAuditsOnce()
    {
        var created = await _database.Get<StaffAccountService>().CreateAsync(
            new NewStaffAccount { Email = "till@store.example", DisplayName = "Till Person", Role = StaffRoles.Associate, Password = "a-good-password-7" }, StaffActor.System);
        Assert.True(created.Succeeded, created.Message);
        SignInAs(StaffRoles.Admin);
        var page = Render<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Contains("till@store.example", page.Find("[data-testid=staff-table]").TextContent));
        await page.InvokeAsync(() => page.Find("button[aria-label='Manage Till Person']").Click());
        page.WaitForElement("[data-testid=manage-account]");
        page.Find("[data-testid=manage-account] input[type=password]").Change("another-good-password-8");

        _holdAccountWrites = true;
        var first = page.InvokeAsync(() => page.Find("[data-testid=reset-password]").ClickAsync(new()));
        var second = page.InvokeAsync(() => page.Find("[data-testid=reset-password]").ClickAsync(new()));
        _accountWritten.SetResult();
        await Task.WhenAll(first, second);

        var said = Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => (s.Message, s.Severity)).ToList();
        Assert.Equal([("Password reset for Till Person.", Severity.Success)], said);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "staff.password-reset"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>
    /// The role picker's options live outside the page's error boundary: a busy database there ended the circuit
    /// (the "unhandled error" bar) instead of saying so.
    /// </summary>
    [Fact]
    public async Task SetRole_DatabaseBusy_SaysSo_AndTheRoleStays()
    {
        var result = await _database.Get<StaffAccountService>().CreateAsync(
            new NewStaffAccount { Email = "second@store.example", DisplayName = "Second Admin", Role = StaffRoles.Admin, Password = "a-good-password-7" }, StaffActor.System);
        Assert.True(result.Succeeded, result.Message);
        SignInAs(StaffRoles.Admin);
        var page = Render<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Contains("second@store.example", page.Find("[data-testid=staff-table]").TextContent));
        await page.InvokeAsync(() => page.Find("button[aria-label='Manage Second Admin']").Click());
        page.WaitForElement("[data-testid=manage-account]");
        var role = page.FindComponents<MudSelect<string>>().First();

        _busy.On = true;
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(StaffRoles.Associate));
        _busy.On = false;

        var said = Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => (s.Message, s.Severity)).ToList();
        Assert.Equal([("The role was not changed. " + RetailRecs.Core.Data.StorageFaults.BusyWords, Severity.Error)], said);
        Assert.Equal(StaffRoles.Admin, (await _database.Get<StaffAccountService>().ListAsync()).Single(a => a.Email == "second@store.example").Role);
    }

    [Fact]
    public async Task SetRole_LastActiveAdminToManager_RefusedInWords_AndTheAccountStaysAdmin()
    {
        SignInAs(StaffRoles.Admin); // another admin's session (the account was removed since): the last one in the list is not the actor
        var page = Render<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Contains(OnlyAdmin, page.Find("[data-testid=staff-table]").TextContent));

        await page.InvokeAsync(() => page.Find("button[aria-label='Manage Administrator']").Click());
        page.WaitForElement("[data-testid=manage-account]");
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

    [Fact]
    public async Task Create_NewManager_StoredWithThatRoleListedAndAuditedOnce_AndTheFormEmptied()
    {
        SignInAs(StaffRoles.Admin);
        var page = Render<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Contains(OnlyAdmin, page.Find("[data-testid=staff-table]").TextContent));

        var fields = page.FindComponents<MudTextField<string>>(); // the new-account form's: name, email, first password
        fields[0].Find("input").Change("Mo Manager");
        fields[1].Find("input").Change("mo.manager@store.example");
        fields[2].Find("input").Change("weekly-rota-and-figures");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(StaffRoles.Manager));
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=staff-table] tbody tr").Count));
        var row = page.FindAll("[data-testid=staff-table] tbody tr").Single(r => r.TextContent.Contains("mo.manager@store.example"));
        Assert.Contains("Mo Manager", row.TextContent);
        Assert.Contains(StaffRoles.Manager, row.TextContent);
        Assert.All(page.FindComponents<MudTextField<string>>(), f => Assert.True(string.IsNullOrEmpty(f.Find("input").GetAttribute("value"))));
        var stored = (await _database.Get<StaffAccountService>().ListAsync()).Single(a => a.Email == "mo.manager@store.example");
        Assert.Equal(("Mo Manager", StaffRoles.Manager, false), (stored.DisplayName, stored.Role, stored.IsLockedOut));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "staff.created"));
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Create_PasswordTooShort_RefusedWithTheRule_AndNothingStored()
    {
        SignInAs(StaffRoles.Admin);
        var page = Render<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Contains(OnlyAdmin, page.Find("[data-testid=staff-table]").TextContent));

        var fields = page.FindComponents<MudTextField<string>>();
        fields[0].Find("input").Change("Wes Weak");
        fields[1].Find("input").Change("wes.weak@store.example");
        fields[2].Find("input").Change("abc");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Passwords must be at least 12 characters",
            Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Severity == Severity.Error).Message));
        Assert.Single(page.FindAll("[data-testid=staff-table] tbody tr"));
        Assert.Equal("wes.weak@store.example", page.FindComponents<MudTextField<string>>()[1].Find("input").GetAttribute("value")); // kept, to correct
        Assert.DoesNotContain(await _database.Get<StaffAccountService>().ListAsync(), a => a.Email == "wes.weak@store.example");
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task SetLocked_AnAssociate_LockedOutInIdentityShownLockedAndAuditedOnce()
    {
        var actor = new RetailRecs.Core.Common.Audit.StaffActor("user-1", "test.person@store.example");
        Assert.True((await _database.Get<StaffAccountService>().CreateAsync(
            new NewStaffAccount { DisplayName = "Al Associate", Email = "al@store.example", Role = StaffRoles.Associate, Password = "counter-shift-2026" }, actor)).Succeeded);
        SignInAs(StaffRoles.Admin);
        var page = Render<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Contains("al@store.example", page.Find("[data-testid=staff-table]").TextContent));

        await page.InvokeAsync(() => page.Find("button[aria-label='Manage Al Associate']").Click());
        // The panel renders on the renderer's thread, which a PostgreSQL continuation may hold at the moment of the click.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=manage-account] button"), b => b.TextContent.Trim() == "Lock"));
        await page.InvokeAsync(() => page.FindAll("[data-testid=manage-account] button").Single(b => b.TextContent.Trim() == "Lock").Click());

        page.WaitForAssertion(() => Assert.Contains("Unlock", page.Find("[data-testid=manage-account]").TextContent));
        var row = page.FindAll("[data-testid=staff-table] tbody tr").Single(r => r.TextContent.Contains("al@store.example"));
        Assert.Contains("Locked", row.TextContent);
        Assert.True((await _database.Get<StaffAccountService>().ListAsync()).Single(a => a.Email == "al@store.example").IsLockedOut);
        Assert.False((await _database.Get<StaffAccountService>().ListAsync()).Single(a => a.Email == OnlyAdmin).IsLockedOut);
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "staff.locked"));
    }
}
