using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Common.Jobs;

/// <summary>
/// Jobs that must run once across app instances hold a lease in the database: another instance is refused while the
/// holder lives, and takes over once the lease expires or the holder is known to be gone.
/// </summary>
public class JobLeasesTests : IAsyncLifetime
{
    private static readonly string OtherMachine = ProcessOwner.Name("till-server-2", 4242);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Leases as another live app instance holds them (another process on another machine, beating).</summary>
    private async Task<JobLeases> InstanceAsync(string holder)
    {
        await using var db = _database.CreateContext();
        var now = DateTime.UtcNow;
        if (await db.ProcessHeartbeats.Where(h => h.Owner == holder).ExecuteUpdateAsync(u => u.SetProperty(h => h.BeatAt, now)) == 0)
        {
            db.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = holder, BeatAt = now });
            await db.SaveChangesAsync();
        }
        return new(_database.Get<IDbContextFactory<RetailDbContext>>(), TimeProvider.System, NullLogger<JobLeases>.Instance) { Holder = holder };
    }

    private async Task HeldAsync(string holder, DateTime expires, DateTime? beatAt)
    {
        await using var db = _database.CreateContext();
        db.JobLeases.Add(new JobLease { Name = "training", Holder = holder, AcquiredAt = DateTime.UtcNow.AddMinutes(-5), ExpiresAt = expires });
        if (beatAt is { } at)
        {
            db.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = holder, BeatAt = at });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByThisLiveProcess_IsRefusedToAnother_UntilReleased()
    {
        var (mine, _) = await _database.Get<JobLeases>().TryAcquireAsync("training");
        Assert.NotNull(mine);

        var (refused, heldBy) = await (await InstanceAsync(OtherMachine)).TryAcquireAsync("training");
        Assert.Null(refused);
        Assert.Equal(ProcessOwner.Current, heldBy!.Holder);

        await mine.DisposeAsync();
        var (taken, _) = await (await InstanceAsync(OtherMachine)).TryAcquireAsync("training");
        Assert.NotNull(taken);
        await using var db = _database.CreateContext();
        Assert.Equal(OtherMachine, (await db.JobLeases.SingleAsync()).Holder);
    }

    [Fact]
    public async Task TryAcquireAsync_LeaseExpired_IsTakenOverEvenFromABeatingHolder()
    {
        await HeldAsync(OtherMachine, DateTime.UtcNow.AddSeconds(-1), beatAt: DateTime.UtcNow);

        var (lease, _) = await _database.Get<JobLeases>().TryAcquireAsync("training");

        Assert.NotNull(lease);
        await lease.DisposeAsync();
    }

    [Fact]
    public async Task TryAcquireAsync_HolderOnAnotherMachineStillBeating_IsRefusedBeforeTheExpiry()
    {
        await HeldAsync(OtherMachine, DateTime.UtcNow.AddMinutes(1), beatAt: DateTime.UtcNow.AddSeconds(-10));

        var (lease, heldBy) = await _database.Get<JobLeases>().TryAcquireAsync("training");

        Assert.Null(lease);
        Assert.Equal(OtherMachine, heldBy!.Holder);
    }

    [Fact]
    public async Task TryAcquireAsync_HolderGone_IsTakenOverBeforeTheExpiry()
    {
        // Another machine that stopped beating two minutes ago, and a process on this machine that no longer exists.
        await HeldAsync(OtherMachine, DateTime.UtcNow.AddMinutes(1), beatAt: DateTime.UtcNow - JobOwner.Expiry - TimeSpan.FromSeconds(5));
        var (lease, _) = await _database.Get<JobLeases>().TryAcquireAsync("training");
        Assert.NotNull(lease);
        await lease.DisposeAsync();

        using var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        var crashed = ProcessOwner.Name(Environment.MachineName, exited.Id);
        await HeldAsync(crashed, DateTime.UtcNow.AddMinutes(1), beatAt: DateTime.UtcNow);
        var (afterCrash, _) = await (await InstanceAsync(OtherMachine)).TryAcquireAsync("training");
        Assert.NotNull(afterCrash);
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByATwinWithTheSameHostNameAndProcessId_IsNotTakenAsOurOwn()
    {
        // Two containers given one host name both run as process 1: without the start mark they were one holder.
        var twin = ProcessOwner.Name(Environment.MachineName, Environment.ProcessId, "7w1n0000");
        await HeldAsync(twin, DateTime.UtcNow.AddMinutes(1), beatAt: DateTime.UtcNow);

        var (lease, heldBy) = await _database.Get<JobLeases>().TryAcquireAsync("training");

        Assert.Null(lease);
        Assert.Equal(twin, heldBy!.Holder);
        Assert.NotEqual(twin, ProcessOwner.Current);
    }

    [Fact]
    public async Task TryAcquireAsync_FiveInstancesAtOnce_ExactlyOneHoldsIt()
    {
        var instances = new List<JobLeases>();
        for (var i = 1; i <= 5; i++)
        {
            instances.Add(await InstanceAsync(ProcessOwner.Name($"shop-{i}", i)));
        }

        var tries = await Task.WhenAll(instances.Select(i => Task.Run(() => i.TryAcquireAsync("segmentation"))));

        Assert.Single(tries, t => t.Lease is not null);
        var holder = tries.Single(t => t.Lease is not null).Lease!;
        Assert.All(tries.Where(t => t.Lease is null), t => Assert.NotNull(t.HeldBy));
        await holder.DisposeAsync();
    }

    [Fact]
    public async Task TryClaimOnceAsync_EveryInstanceAtTheSameHour_OneRunsTheDay_AndItStaysClaimed()
    {
        var instances = new List<JobLeases>();
        for (var i = 1; i <= 4; i++)
        {
            instances.Add(await InstanceAsync(ProcessOwner.Name($"shop-{i}", i)));
        }

        var claims = await Task.WhenAll(instances.Select(i => Task.Run(() => i.TryClaimOnceAsync("schedule:training:2026-12-02", TimeSpan.FromDays(2)))));

        Assert.Single(claims, c => c);
        Assert.False(await instances[0].TryClaimOnceAsync("schedule:training:2026-12-02", TimeSpan.FromDays(2)));
        Assert.True(await instances[0].TryClaimOnceAsync("schedule:training:2026-12-03", TimeSpan.FromDays(2)));
    }

    [Fact]
    public async Task WaitAsync_HeldElsewhere_SaysWhoHoldsIt_AndReturnsOnceReleased()
    {
        var (other, _) = await (await InstanceAsync(OtherMachine)).TryAcquireAsync("training");
        var told = new List<string>();

        var waiting = _database.Get<JobLeases>().WaitAsync("training", heldBy => told.Add(heldBy.Holder));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        Assert.Equal([OtherMachine], told);

        await other!.DisposeAsync();
        await using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("training", lease.Name);
        Assert.Single(told);
    }

    [Fact]
    public async Task Lease_TakenByAnotherInstanceWhileThisOneCouldNotRenew_SaysItIsLost_SoTheJobStops()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var leases = new JobLeases(_database.Get<IDbContextFactory<RetailDbContext>>(), clock, NullLogger<JobLeases>.Instance);
        var (lease, _) = await leases.TryAcquireAsync("segmentation");
        await using (var db = _database.CreateContext())
        {
            // It expired during a long pause, and another instance took it.
            await db.JobLeases.ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, OtherMachine));
        }
        Assert.False(lease!.Lost.IsCancellationRequested);

        clock.Advance(JobLeases.RenewEvery);
        for (var i = 0; i < 200 && !lease.Lost.IsCancellationRequested; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(lease.Lost.IsCancellationRequested);
        await lease.DisposeAsync();
        await lease.DisposeAsync(); // twice is harmless
        await using var check = _database.CreateContext();
        Assert.Equal(OtherMachine, (await check.JobLeases.SingleAsync()).Holder); // not released: it is theirs
    }

    [Fact]
    public async Task Lease_Renewed_StaysHeld()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var leases = new JobLeases(_database.Get<IDbContextFactory<RetailDbContext>>(), clock, NullLogger<JobLeases>.Instance);
        await using var lease = (await leases.TryAcquireAsync("segmentation")).Lease!;
        DateTime expires;
        await using (var db = _database.CreateContext())
        {
            expires = (await db.JobLeases.SingleAsync()).ExpiresAt;
        }

        clock.Advance(JobLeases.RenewEvery);
        var renewed = expires;
        for (var i = 0; i < 200 && renewed == expires; i++)
        {
            await Task.Delay(50);
            await using var db = _database.CreateContext();
            renewed = (await db.JobLeases.SingleAsync()).ExpiresAt;
        }

        Assert.True(renewed > expires);
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task TryClaimOnceAsync_DatabaseBusy_FailsRatherThanSayingAnotherInstanceClaimedIt()
    {
        await using var busy = await TestDatabase.CreateAsync(database: o => o.BusyTimeoutSeconds = 1, sqliteOnly: true);
        var leases = busy.Get<JobLeases>();

        using (new SqliteWriteLock(busy.FilePath))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => leases.TryClaimOnceAsync("schedule:training:2026-12-02", TimeSpan.FromDays(2)));
        }

        Assert.True(await leases.TryClaimOnceAsync("schedule:training:2026-12-02", TimeSpan.FromDays(2)));
    }
}
