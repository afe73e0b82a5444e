using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// A restored backup predates the erasures made since it was taken: those customers would come back — their profile,
/// their linked sales, their history — and, the list of erased codes being in the same file, the next import or till
/// event would link them again. The database the restore replaced still holds the list; its keys are carried into the
/// restored one and every customer they name is erased again, with the same rule and audit entry as a first erasure.
/// A SQLite restore does it itself (the CLI's `restore` sets the replaced file aside); a server database is restored by
/// the server's own tools, into a new database beside the one it replaces, and `privacy carry-erasures --from` reads the
/// replaced one's list (<see cref="ReadKeysAsync"/>).
/// </summary>
public static class ErasuresAfterRestore
{
    public sealed record Outcome(int KeysCarried, int CustomersErasedAgain);

    /// <summary>The erasure keys of a database file (the one a restore set aside), read without changing it.</summary>
    public static IReadOnlyList<ErasedCustomer> ReadKeys(string sqliteFile)
    {
        var keys = new List<ErasedCustomer>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqliteFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ErasedCustomers'";
        if (Convert.ToInt32(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return keys; // a database from before erasures were kept
        }
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT CodeKey, ErasedAt FROM ErasedCustomers";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(new ErasedCustomer { CodeKey = reader.GetString(0), ErasedAt = reader.GetDateTime(1) });
        }
        return keys;
    }

    /// <summary>
    /// The erasure keys of another database of <paramref name="provider"/> (a SQLite file, or a server's connection
    /// string), read without changing it and without migrating it: the database a server restore is replacing.
    /// </summary>
    public static async Task<IReadOnlyList<ErasedCustomer>> ReadKeysAsync(DatabaseProvider provider, string source, CancellationToken ct = default)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return ReadKeys(source);
        }
        await using System.Data.Common.DbConnection connection = provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(source)
            : new Microsoft.Data.SqlClient.SqlConnection(source);
        await connection.OpenAsync(ct);
        await using var exists = connection.CreateCommand();
        exists.CommandText = provider == DatabaseProvider.Postgres
            ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'ErasedCustomers'"
            : "SELECT count(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'ErasedCustomers'";
        if (Convert.ToInt32(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return []; // a database from before erasures were kept
        }
        await using var read = connection.CreateCommand();
        read.CommandText = provider == DatabaseProvider.Postgres
            ? "SELECT \"CodeKey\", \"ErasedAt\" FROM \"ErasedCustomers\""
            : "SELECT CodeKey, ErasedAt FROM ErasedCustomers";
        var keys = new List<ErasedCustomer>();
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new ErasedCustomer { CodeKey = reader.GetString(0), ErasedAt = reader.GetDateTime(1) });
        }
        return keys;
    }

    /// <summary>Carries <paramref name="keys"/> into the database the services open, and erases again the customers they name.</summary>
    public static async Task<Outcome> ReapplyAsync(IDbContextFactory<RetailDbContext> contexts, CustomerErasureService erasure,
        IReadOnlyList<ErasedCustomer> keys, StaffActor actor, CancellationToken ct = default)
    {
        if (keys.Count == 0)
        {
            return new Outcome(0, 0);
        }
        List<int> again;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var known = (await db.ErasedCustomers.Select(e => e.CodeKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var missing = keys.Where(k => !known.Contains(k.CodeKey)).DistinctBy(k => k.CodeKey).ToList();
            if (missing.Count == 0)
            {
                return new Outcome(0, 0);
            }
            var wanted = missing.Select(k => k.CodeKey).ToHashSet(StringComparer.Ordinal);
            again = (await db.Customers.AsNoTracking().Select(c => new { c.Id, c.CustomerCode }).ToListAsync(ct))
                .Where(c => ErasedCustomerCodes.IsErased(wanted, c.CustomerCode)).Select(c => c.Id).ToList();
            // Each erasure stores its own key as it commits, so one that fails midway leaves the rest missing, and the
            // next run (the set-aside file is kept) finds and erases them.
            foreach (var id in again)
            {
                await erasure.EraseAsync(id, actor, ct);
            }
            // Keys of customers the backup did not hold either: still never to be created from a file or a till.
            var stored = (await db.ErasedCustomers.Select(e => e.CodeKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            db.ErasedCustomers.AddRange(missing.Where(k => !stored.Contains(k.CodeKey)).Select(k => new ErasedCustomer { CodeKey = k.CodeKey, ErasedAt = k.ErasedAt }));
            await db.SaveChangesAsync(ct);
            return new Outcome(missing.Count, again.Count);
        }
    }
}
