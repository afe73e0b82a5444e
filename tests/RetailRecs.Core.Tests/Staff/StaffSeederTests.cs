using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Staff;

public class StaffSeederTests
{
    private static SeedOptions Options() => new()
    {
        AdminEmail = "first.admin@store.example",
        AdminPassword = "first-admin-pass-1",
        DemoAccounts = [new DemoAccount { Email = "assoc@store.example", Password = "ann-counter-2026", Role = StaffRoles.Associate, DisplayName = "Ann Assoc" }],
    };

    private static async Task<StaffSeeder.Outcome> SeedAsync(TestDatabase database, SeedOptions options, bool requireAdmin)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffSeeder>().SeedAsync(options, requireAdmin);
    }

    [Fact]
    public async Task SeedAsync_TwiceOnTheSameDatabase_CreatesTheAdminOnce()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await SeedAsync(database, Options(), requireAdmin: true);
        var second = await SeedAsync(database, Options(), requireAdmin: true);

        Assert.True(first.AdminCreated);
        Assert.Equal(1, first.DemoAccountsCreated);
        Assert.False(second.AdminCreated);
        Assert.Equal(0, second.DemoAccountsCreated);
        await using var db = database.CreateContext();
        Assert.Equal(2, await db.Users.CountAsync());
        Assert.Equal(StaffRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    [Fact]
    public async Task SeedAsync_CreatesAccountsWithTheirRoles_ThatCanSignInWithTheirPasswords()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database, Options(), requireAdmin: true);

        await using var scope = database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admin = await users.FindByEmailAsync("first.admin@store.example");
        var associate = await users.FindByEmailAsync("assoc@store.example");
        Assert.NotNull(admin);
        Assert.NotNull(associate);
        Assert.Equal([StaffRoles.Admin], await users.GetRolesAsync(admin));
        Assert.Equal([StaffRoles.Associate], await users.GetRolesAsync(associate));
        Assert.True(await users.CheckPasswordAsync(admin, "first-admin-pass-1"));
        Assert.False(await users.CheckPasswordAsync(admin, "wrong-password-1"));
    }

    [Fact]
    public async Task SeedAsync_NoAdminAndNoneConfigured_WhenRequired_RefusesWithInstructions()
    {
        await using var database = await TestDatabase.CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(database, new SeedOptions(), requireAdmin: true));

        Assert.Contains("Seed:AdminEmail", error.Message);
        Assert.Contains("Seed:AdminPassword", error.Message);
    }

    [Fact]
    public async Task SeedAsync_NoAdminConfigured_InDevelopment_StartsWithoutOne()
    {
        await using var database = await TestDatabase.CreateAsync();

        var outcome = await SeedAsync(database, new SeedOptions(), requireAdmin: false);

        Assert.False(outcome.AdminCreated);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task SeedAsync_ConfiguredAdminPasswordTooWeak_FailsWithIdentitysReason()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = new SeedOptions { AdminEmail = "a@store.example", AdminPassword = "short1" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(database, options, requireAdmin: true));

        Assert.Contains("Seed:AdminEmail", error.Message);
        Assert.DoesNotContain("a@store.example", error.Message); // messages reach logs: no addresses
        Assert.Contains("at least 12 characters", error.Message);
    }

    [Fact]
    public async Task SeedAsync_ConfiguredAdminAddressInvalid_SaysSoWithoutTheAddress()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = new SeedOptions { AdminEmail = "ada lovelace at store", AdminPassword = "Quiet-Orchard-Lantern-47" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(database, options, requireAdmin: true));

        Assert.Contains("Seed:AdminEmail", error.Message);
        Assert.Contains("the e-mail address is not valid", error.Message);
        Assert.DoesNotContain("ada lovelace", error.Message); // messages reach logs: no addresses
    }

    [Fact]
    public async Task SeedAsync_DemoAccountWithUnknownRole_Refuses()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = Options();
        options.DemoAccounts[0].Role = "Supervisor";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(database, options, requireAdmin: false));

        Assert.Contains("Supervisor", error.Message);
    }
}
