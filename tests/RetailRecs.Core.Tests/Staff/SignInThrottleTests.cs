using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetailRecs.Core.Data;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Staff;

/// <summary>
/// The sign-in throttle counts failures in the database: every app instance on it shares one allowance per client,
/// only failures count, and nothing in the table names a client or an account in clear.
/// </summary>
public class SignInThrottleTests : IAsyncLifetime
{
    private const string Client = "10.1.2.3";
    private readonly SignInThrottleOptions _limits = new() { FailuresPerClient = 5, FailuresPerAccount = 4, FailuresBeforeDelay = 3, Window = TimeSpan.FromMinutes(15) };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private ServiceProvider _other = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _other = _database.AnotherInstance();
    }

    public async Task DisposeAsync()
    {
        await _other.DisposeAsync();
        await _database.DisposeAsync();
    }

    private SignInThrottle On(IServiceProvider instance) =>
        new(instance.GetRequiredService<IDbContextFactory<RetailDbContext>>(), Options.Create(_limits), _clock);

    private SignInThrottle A => On(_database.Services);

    private SignInThrottle B => On(_other);

    [Fact]
    public async Task RetryAfterAsync_ClientFailuresOnAnotherInstance_CountHere()
    {
        for (var i = 0; i < _limits.FailuresPerClient; i++)
        {
            Assert.Null(await B.RetryAfterAsync(Client, $"nobody{i}@store.example"));
            await A.FailedAsync(Client, $"nobody{i}@store.example");
        }

        var wait = await B.RetryAfterAsync(Client, "someone.else@store.example");

        Assert.Equal(_limits.Window, wait);
        Assert.Null(await B.RetryAfterAsync("10.9.9.9", "someone.else@store.example"));
    }

    [Fact]
    public async Task RetryAfterAsync_FailuresOnOneAccountSplitOverInstances_ReachTheAccountLimit()
    {
        for (var i = 0; i < _limits.FailuresPerAccount; i++)
        {
            await (i % 2 == 0 ? A : B).FailedAsync(Client, "sam@store.example");
            _clock.Advance(TimeSpan.FromMinutes(2)); // outwaits every streak delay: only the window's limit is left
        }

        var wait = await A.RetryAfterAsync(Client, " SAM@store.example ");

        // The oldest failure leaves the 15-minute window 8 minutes after the last try.
        Assert.Equal(TimeSpan.FromMinutes(7), wait);
        Assert.Null(await A.RetryAfterAsync(Client, "kim@store.example"));
        _clock.Advance(TimeSpan.FromMinutes(7.01));
        Assert.Null(await B.RetryAfterAsync(Client, "sam@store.example"));
    }

    [Fact]
    public async Task RetryAfterAsync_FailuresInARow_WaitOneSecondThenTwo()
    {
        _limits.FailuresPerAccount = 10; // only the streak's delays in play
        for (var i = 0; i < _limits.FailuresBeforeDelay; i++)
        {
            await A.FailedAsync(Client, "sam@store.example");
        }
        Assert.Equal(TimeSpan.FromSeconds(1), await B.RetryAfterAsync(Client, "sam@store.example"));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await B.RetryAfterAsync(Client, "sam@store.example"));
        await B.FailedAsync(Client, "sam@store.example");

        Assert.Equal(TimeSpan.FromSeconds(2), await A.RetryAfterAsync(Client, "sam@store.example"));
    }

    [Fact]
    public async Task SucceededAsync_AfterFailures_EndsTheStreakButTheFailuresStillCountInTheWindow()
    {
        for (var i = 0; i < _limits.FailuresBeforeDelay; i++)
        {
            await A.FailedAsync(Client, "sam@store.example");
        }

        await B.SucceededAsync(Client, "sam@store.example");

        Assert.Null(await A.RetryAfterAsync(Client, "sam@store.example"));
        await A.FailedAsync(Client, "sam@store.example"); // the fourth in the window: the account's limit
        Assert.Equal(_limits.Window, await B.RetryAfterAsync(Client, "sam@store.example"));
    }

    [Fact]
    public async Task FailedAsync_FailuresOlderThanTheWindow_ArePrunedAndNameNoClientOrAccount()
    {
        await A.FailedAsync(Client, "sam@store.example");
        _clock.Advance(_limits.Window + TimeSpan.FromSeconds(1));

        await B.FailedAsync("10.4.5.6", "kim@store.example");

        await using var db = _database.CreateContext();
        var row = Assert.Single(await db.SignInFailures.ToListAsync());
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, row.FailedAt);
        Assert.Matches("^[0-9a-f]{64}$", row.ClientKey);
        Assert.Matches("^[0-9a-f]{64}$", row.AccountKey);
        Assert.DoesNotContain("10.4.5.6", row.ClientKey + row.AccountKey);
        Assert.DoesNotContain("kim", row.ClientKey + row.AccountKey);
    }
}
