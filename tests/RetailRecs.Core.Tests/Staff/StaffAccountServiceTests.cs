using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Staff;

public class StaffAccountServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private StaffAccountService Accounts => _database.Get<StaffAccountService>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var scope = _database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffSeeder>().SeedAsync(
            new SeedOptions { AdminEmail = "boss@store.example", AdminPassword = "head-office-key-1" }, requireAdmin: true);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<StaffAccountSummary> AccountAsync(string email) => (await Accounts.ListAsync()).Single(a => a.Email == email);

    private async Task<StaffActor> AdminActorAsync() => new((await AccountAsync("boss@store.example")).Id, "boss@store.example");

    private async Task<StaffAccountSummary> CreateAsync(string email, string role)
    {
        var result = await Accounts.CreateAsync(new NewStaffAccount { Email = email, DisplayName = "Sam Staff", Role = role, Password = "a-good-password-7" }, await AdminActorAsync());
        Assert.True(result.Succeeded, result.Message);
        return await AccountAsync(email);
    }

    [Fact]
    public async Task CreateAsync_ValidAccount_IsListedWithItsRoleAndAudited()
    {
        var created = await CreateAsync("sam@store.example", StaffRoles.Manager);

        Assert.Equal(StaffRoles.Manager, created.Role);
        Assert.False(created.IsLockedOut);
        await using var db = _database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "staff.created");
        Assert.Equal(created.Id, audit.EntityId);
        Assert.Equal("boss@store.example", audit.UserName);
    }

    /// <summary>A double press, or two admins at once: one account, one audit entry, and the other press told why, not an error.</summary>
    [Fact]
    public async Task CreateAsync_SameAccountEightTimesAtOnce_CreatesOne_AndTellsTheOthers()
    {
        var actor = await AdminActorAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Accounts.CreateAsync(new NewStaffAccount { Email = "sam@store.example", DisplayName = "Sam Staff", Role = StaffRoles.Associate, Password = "a-good-password-7" }, actor))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "staff.created"));
        Assert.Single(await Accounts.ListAsync(), a => a.Email == "sam@store.example");
    }

    [Theory]
    [InlineData("siobhan.o'neill@store.example")]
    [InlineData("zoë.brontë@store.example")]
    public async Task CreateAsync_AddressWithAnApostropheOrAnAccent_IsCreated(string email)
    {
        var created = await CreateAsync(email, StaffRoles.Associate);

        Assert.Equal(email, created.Email);
    }

    [Fact]
    public async Task CreateAsync_WeakPassword_FailsWithTheReason_AndCreatesNothing()
    {
        var result = await Accounts.CreateAsync(new NewStaffAccount { Email = "weak@store.example", DisplayName = "Wes", Role = StaffRoles.Associate, Password = "abc" }, await AdminActorAsync());

        Assert.False(result.Succeeded);
        Assert.Contains("at least 12 characters", result.Message);
        Assert.DoesNotContain(await Accounts.ListAsync(), a => a.Email == "weak@store.example");
    }

    [Fact]
    public async Task CreateAsync_DuplicateEmail_Fails()
    {
        await CreateAsync("dup@store.example", StaffRoles.Associate);

        var again = await Accounts.CreateAsync(new NewStaffAccount { Email = "dup@store.example", DisplayName = "Dup", Role = StaffRoles.Associate, Password = "a-good-password-7" }, await AdminActorAsync());

        Assert.False(again.Succeeded);
        Assert.Single(await Accounts.ListAsync(), a => a.Email == "dup@store.example");
    }

    [Fact]
    public async Task SetRoleAsync_AssociateToManager_ReplacesTheRole()
    {
        var account = await CreateAsync("promote@store.example", StaffRoles.Associate);

        var result = await Accounts.SetRoleAsync(account.Id, StaffRoles.Manager, await AdminActorAsync());

        Assert.True(result.Succeeded, result.Message);
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal([StaffRoles.Manager], await users.GetRolesAsync((await users.FindByIdAsync(account.Id))!));
    }

    [Fact]
    public async Task SetRoleAsync_SignedInOnTwoDevices_EndsBothSessions_AndTellsEveryInstanceOnce()
    {
        var account = await CreateAsync("two.tills@store.example", StaffRoles.Associate);
        var sessions = _database.Get<StaffSessions>();
        var tablet = await sessions.StartAsync(account.Id, "10.0.0.7");
        var desk = await sessions.StartAsync(account.Id, "10.0.0.8");

        var result = await Accounts.SetRoleAsync(account.Id, StaffRoles.Manager, await AdminActorAsync());

        Assert.True(result.Succeeded, result.Message);
        await using var db = _database.CreateContext();
        var ended = await db.StaffSessions.Where(s => s.Id == tablet || s.Id == desk).ToListAsync();
        Assert.All(ended, s => Assert.Equal(StaffSessionEndReasons.RoleChanged, s.EndReason));
        Assert.All(ended, s => Assert.NotNull(s.EndedAt));
        Assert.Equal(1, await db.ChangeNotices.CountAsync(n => n.Kind == RetailRecs.Core.Common.Changes.ChangeKinds.Staff));
    }

    [Fact]
    public async Task SetRoleAsync_LastAdminDemotedByAnother_IsRefused()
    {
        var other = await CreateAsync("other@store.example", StaffRoles.Manager);
        var boss = await AccountAsync("boss@store.example");

        var result = await Accounts.SetRoleAsync(boss.Id, StaffRoles.Manager, new StaffActor(other.Id, "other@store.example"));

        Assert.False(result.Succeeded);
        Assert.Contains("last active admin", result.Message);
        Assert.Equal(StaffRoles.Admin, (await AccountAsync("boss@store.example")).Role);
    }

    /// <summary>
    /// Two admins, each taking the Admin role from (or locking) the other at the same moment, e.g. on two app instances:
    /// each counted the other as the admin who remains, both changes went through, and nobody could administer the
    /// app any more. The second change now waits for the first and is refused.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SetRoleAsync_TwoAdminsDemotingEachOtherAtOnce_LeavesAnActiveAdmin(bool otherLocks)
    {
        var ada = await CreateAsync("ada@store.example", StaffRoles.Admin);
        var boss = await AdminActorAsync();
        var adaActor = new StaffActor(ada.Id, "ada@store.example");
        Task<StaffResult>? second = null;
        // After the first change counted the admins who would remain, the second change starts on the other instance
        // (and waits its turn, which the pause does not wait for beyond two seconds).
        var pause = new AfterCommand(sql => sql.Contains("\"AspNetUserRoles\"", StringComparison.Ordinal) && sql.Contains("\"AspNetUsers\"", StringComparison.Ordinal), async () =>
        {
            // On a thread of its own: SQLite waits for its turn synchronously.
            second = Task.Run(() => otherLocks
                ? Accounts.SetLockedAsync(boss.UserId!, true, adaActor)
                : Accounts.SetRoleAsync(boss.UserId!, StaffRoles.Manager, adaActor));
            await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2)));
        });
        await using var instance = _database.AnotherInstance(s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(pause));

        var first = await instance.GetRequiredService<StaffAccountService>().SetRoleAsync(ada.Id, StaffRoles.Manager, boss);
        var results = new[] { first, await second! };

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Contains("last active admin", results.Single(r => !r.Succeeded).Message);
        var admins = (await Accounts.ListAsync()).Where(a => a.Role == StaffRoles.Admin && !a.IsLockedOut).Select(a => a.Email);
        Assert.Equal(["boss@store.example"], admins);
    }

    [Fact]
    public async Task SetRoleAsync_LockedAdminWhileAnotherAdminIsActive_CanBeDemoted()
    {
        var locked = await CreateAsync("locked.admin@store.example", StaffRoles.Admin);
        Assert.True((await Accounts.SetLockedAsync(locked.Id, true, await AdminActorAsync())).Succeeded);

        var result = await Accounts.SetRoleAsync(locked.Id, StaffRoles.Associate, await AdminActorAsync());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(StaffRoles.Associate, (await AccountAsync("locked.admin@store.example")).Role);
    }

    [Fact]
    public async Task SetLockedAsync_AnotherAdminWhileOnlyOneOtherIsActive_IsAllowed_ButNotTheLastActive()
    {
        var second = await CreateAsync("second@store.example", StaffRoles.Admin);
        var boss = await AdminActorAsync();

        Assert.True((await Accounts.SetLockedAsync(second.Id, true, boss)).Succeeded);
        var lockBoss = await Accounts.SetLockedAsync(boss.UserId!, true, new StaffActor(second.Id, "second@store.example"));

        Assert.False(lockBoss.Succeeded);
        Assert.False((await AccountAsync("boss@store.example")).IsLockedOut);
    }

    [Fact]
    public async Task SetRoleAsync_AdminDemotingThemself_IsRefused()
    {
        await CreateAsync("second.admin@store.example", StaffRoles.Admin);

        var result = await Accounts.SetRoleAsync((await AdminActorAsync()).UserId!, StaffRoles.Associate, await AdminActorAsync());

        Assert.False(result.Succeeded);
        Assert.Equal(StaffRoles.Admin, (await AccountAsync("boss@store.example")).Role);
    }

    [Fact]
    public async Task SetLockedAsync_LockThenUnlock_BlocksAndRestoresSignIn()
    {
        var account = await CreateAsync("lock@store.example", StaffRoles.Associate);

        var locked = await Accounts.SetLockedAsync(account.Id, true, await AdminActorAsync());
        Assert.True(locked.Succeeded, locked.Message);
        Assert.True((await AccountAsync("lock@store.example")).IsLockedOut);

        var unlocked = await Accounts.SetLockedAsync(account.Id, false, await AdminActorAsync());
        Assert.True(unlocked.Succeeded, unlocked.Message);
        Assert.False((await AccountAsync("lock@store.example")).IsLockedOut);

        await using var db = _database.CreateContext();
        Assert.Equal(["staff.locked", "staff.unlocked"], await db.AuditEntries.Where(a => a.EntityId == account.Id && a.Action != "staff.created").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task SetLockedAsync_OwnAccount_IsRefused()
    {
        var actor = await AdminActorAsync();

        var result = await Accounts.SetLockedAsync(actor.UserId!, true, actor);

        Assert.False(result.Succeeded);
        Assert.False((await AccountAsync("boss@store.example")).IsLockedOut);
    }

    [Fact]
    public async Task ResetPasswordAsync_StrongPassword_ReplacesTheOldOne()
    {
        var account = await CreateAsync("reset@store.example", StaffRoles.Associate);

        var result = await Accounts.ResetPasswordAsync(account.Id, "brand-new-secret-9", await AdminActorAsync());

        Assert.True(result.Succeeded, result.Message);
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByIdAsync(account.Id))!;
        Assert.True(await users.CheckPasswordAsync(user, "brand-new-secret-9"));
        Assert.False(await users.CheckPasswordAsync(user, "a-good-password-7"));
    }

    [Fact]
    public async Task ResetPasswordAsync_WeakPassword_KeepsTheOldPassword()
    {
        var account = await CreateAsync("keep@store.example", StaffRoles.Associate);

        var result = await Accounts.ResetPasswordAsync(account.Id, "short", await AdminActorAsync());

        Assert.False(result.Succeeded);
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(account.Id))!, "a-good-password-7"));
    }

    [Theory]
    [InlineData(new[] { "Associate" }, "Associate")]
    [InlineData(new[] { "Associate", "Manager" }, "Manager")]
    [InlineData(new[] { "Admin", "Associate" }, "Admin")]
    [InlineData(new string[0], "(none)")]
    public void HighestRole_OfSeveral_IsTheMostPowerful(string[] roles, string expected) =>
        Assert.Equal(expected, StaffAccountService.HighestRole(roles));

    [Fact]
    public async Task ResetTwoFactorAsync_EnrolledAccount_TurnsItOffVoidsKeyAndCodes_AndIsAudited()
    {
        var account = await CreateAsync("phone.lost@store.example", StaffRoles.Admin);
        string oldKey;
        await using (var scope = _database.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(account.Id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            oldKey = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }
        Assert.True((await AccountAsync("phone.lost@store.example")).TwoFactorEnabled);

        var result = await Accounts.ResetTwoFactorAsync(account.Id, await AdminActorAsync());

        Assert.True(result.Succeeded, result.Message);
        Assert.False((await AccountAsync("phone.lost@store.example")).TwoFactorEnabled);
        await using (var scope = _database.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(account.Id))!;
            Assert.NotEqual(oldKey, await users.GetAuthenticatorKeyAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
        }
        await using var db = _database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "staff.two-factor-reset");
        Assert.Equal(account.Id, audit.EntityId);
        Assert.Equal("boss@store.example", audit.UserName);
    }
}
