using System.Net;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Npgsql;
using RetailRecs.Core.Data;

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

    [Fact]
    public void Classify_AnErrorOfTheAppItself_IsNoStorageFault()
    {
        Assert.Null(StorageFaults.Classify(new InvalidOperationException("a bug", new ArgumentException("bad data"))));
    }
}
