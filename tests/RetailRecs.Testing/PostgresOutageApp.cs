using Npgsql;

namespace RetailRecs.Testing;

/// <summary>
/// The app on a throw-away PostgreSQL database of its own, reaching the server through a port that can go down and come
/// back (<see cref="Server"/>), as the server does when it restarts. Disposing it stops the app and drops the database.
/// </summary>
public sealed class PostgresOutageApp : IAsyncDisposable
{
    private sealed class OnPostgres(string connectionString) : RetailRecsWebFactory
    {
        protected override bool FollowsTestProvider => false; // its own database, through the outage port

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("Database:Provider", "Postgres"), new("ConnectionStrings:RetailRecs", connectionString),
            new("Database:MigrateOnStartup", "true"), new("Training:TrainWhenNoModel", "false"),
        ];
    }

    private readonly string _database;

    private PostgresOutageApp(string database)
    {
        _database = database;
        var direct = new NpgsqlConnectionStringBuilder(database);
        Server = new TcpOutage(direct.Host!, direct.Port);
        // A short connection time-out: a request during the outage is refused in seconds, not after Npgsql's 15.
        App = new OnPostgres(new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = Server.Port, Timeout = 3 }.ConnectionString);
    }

    public RetailRecsWebFactory App { get; }

    public TcpOutage Server { get; }

    public static async Task<PostgresOutageApp> CreateAsync() => new(await TestServer.CreatePostgresDatabaseAsync());

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Server.Dispose();
        await TestServer.DropPostgresDatabaseAsync(_database);
    }
}
