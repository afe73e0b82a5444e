using Microsoft.Data.SqlClient;
using Npgsql;

namespace RetailRecs.Core.Data;

/// <summary>
/// Where a server connection string points, in words an operator can check (server, database, user), never its
/// password: for the message of an app or command that cannot connect.
/// </summary>
public static class ServerAddress
{
    public static string Describe(DatabaseProvider provider, string? connectionString)
    {
        try
        {
            switch (provider)
            {
                case DatabaseProvider.Postgres:
                    var pg = new NpgsqlConnectionStringBuilder(connectionString);
                    return $"server {pg.Host}:{pg.Port}, database {pg.Database ?? "(the user's)"}, user {pg.Username ?? "(none)"}";
                case DatabaseProvider.SqlServer:
                    var sql = new SqlConnectionStringBuilder(connectionString);
                    return $"server {sql.DataSource}, database {sql.InitialCatalog}, user {(sql.IntegratedSecurity ? "(integrated security)" : sql.UserID)}";
                default:
                    return "the SQLite file";
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "a connection string that cannot be read";
        }
    }

    /// <summary>The database's own words, with the password taken out should a driver ever repeat it.</summary>
    public static string Scrub(string message, DatabaseProvider provider, string? connectionString)
    {
        string? password = null;
        try
        {
            password = provider switch
            {
                DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(connectionString).Password,
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString).Password,
                _ => null,
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
        }
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }
}
