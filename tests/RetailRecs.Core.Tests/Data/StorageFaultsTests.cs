using System.Net;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

/// <summary>
/// A database server out of reach is told apart from a bug or bad data, for each server provider, from the real
/// client's own exception (a loopback port nobody listens on, as a server that is down or restarting).
/// </summary>
public class StorageFaultsTests
{
    /// <summary>A loopback port that was free a moment ago: connecting to it is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Classify_SqlServerNotListening_IsUnreachable()
    {
        await using var connection = new SqlConnection($"Server=tcp:127.0.0.1,{ClosedPort()};Connect Timeout=3;Encrypt=false;User ID=sa;Password=x");

        var error = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync());

        Assert.Equal(StorageFault.Unreachable, StorageFaults.Classify(error));
        Assert.Equal(StorageFaults.UnreachableWords, StorageFaults.Describe(error)?.Message);
    }

    [Fact]
    public async Task Classify_PostgresNotListening_IsUnreachable()
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={ClosedPort()};Timeout=3;Username=x;Password=x");

        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.Equal(StorageFault.Unreachable, StorageFaults.Classify(error));
    }

    /// <summary>
    /// A query waits for a table another connection holds longer than the command time-out: Npgsql cancels it and
    /// throws as it would for a server gone silent, so the words name both causes instead of only the second (before:
    /// "The database server cannot be reached (it may be restarting)" while the server was there and answering).
    /// </summary>
    [PostgresOnlyFact]
    public async Task Classify_PostgresCommandTimedOutWaitingForALock_IsTimedOut_AndTheConnectionStillServes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var holder = database.CreateContext();
        await using var hold = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("""LOCK TABLE "Products" IN ACCESS EXCLUSIVE MODE""");
        await using var waiter = database.CreateContext();
        waiter.Database.SetCommandTimeout(1);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => waiter.Products.CountAsync());

        Assert.True(StorageFaults.Classify(error) == StorageFault.TimedOut, error.ToString());
        Assert.Equal(StorageFaults.TimedOutWords, StorageFaults.Describe(error)?.Message);
        await hold.RollbackAsync();
        Assert.Equal(0, await waiter.Database.SqlQueryRaw<int>("SELECT 0 AS \"Value\"").SingleAsync()); // the connection still serves
    }

    [Fact]
    public void Classify_AnErrorOfTheAppItself_IsNoStorageFault()
    {
        Assert.Null(StorageFaults.Classify(new InvalidOperationException("a bug", new ArgumentException("bad data"))));
    }
}
