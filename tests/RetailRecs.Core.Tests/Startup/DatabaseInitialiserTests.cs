using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Startup;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Startup;

/// <summary>A chain's first roll-out: several instances start at once on a new, empty database.</summary>
public class DatabaseInitialiserTests
{
    private static SeedOptions FirstAdminAndDemoAccounts() => new()
    {
        AdminEmail = "it.admin@chain.example",
        AdminPassword = "a long first password 1",
        DemoAccounts =
        [
            new DemoAccount { Email = "manager@chain.example", Password = "weekly-figures-2026", Role = StaffRoles.Manager, DisplayName = "Manager" },
            new DemoAccount { Email = "associate@chain.example", Password = "shop-floor-2026", Role = StaffRoles.Associate, DisplayName = "Associate" },
        ],
    };

    [Fact]
    public async Task InitialiseAsync_TwoInstancesStartingTogetherOnANewDatabase_BothStart_EachAccountAndRoleCreatedOnce()
    {
        await using var database = await TestDatabase.CreateAsync(FirstAdminAndDemoAccounts());
        await using var other = database.AnotherInstance();
        // The other instance is another process (here: one that beats, as a twin container would), with leases of its own.
        var twin = ProcessOwner.Name(Environment.MachineName, Environment.ProcessId, "7w1n0000");
        await using (var beat = database.CreateContext())
        {
            beat.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = twin, BeatAt = DateTime.UtcNow });
            await beat.SaveChangesAsync();
        }
        var twinLeases = new JobLeases(other.GetRequiredService<IDbContextFactory<RetailDbContext>>(), TimeProvider.System,
            NullLogger<JobLeases>.Instance) { Holder = twin };
        var second = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(other, twinLeases);

        await Task.WhenAll(
            Task.Run(() => database.Get<DatabaseInitialiser>().InitialiseAsync(requireAdmin: true, Path.GetTempPath())),
            Task.Run(() => second.InitialiseAsync(requireAdmin: true, Path.GetTempPath())));

        await using var db = database.CreateContext();
        Assert.Equal(["associate@chain.example", "it.admin@chain.example", "manager@chain.example"],
            await db.Users.OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync());
        Assert.Equal(StaffRoles.All.Order().ToList(), await db.Roles.OrderBy(r => r.Name).Select(r => r.Name!).ToListAsync());
        Assert.Equal(3, await db.UserRoles.CountAsync());
        Assert.Equal(0, await db.JobLeases.CountAsync(l => l.Name == DatabaseInitialiser.SeedingLease)); // given back
    }
}
