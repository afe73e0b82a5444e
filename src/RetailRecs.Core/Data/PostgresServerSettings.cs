using System.Data.Common;
using System.Globalization;

namespace RetailRecs.Core.Data;

/// <summary>
/// The two PostgreSQL server settings that decide how fast a chain's import runs: the pages the server keeps in its
/// own memory (<c>shared_buffers</c>, 128 MB by default) and the changes it writes before a checkpoint
/// (<c>max_wal_size</c>, 1 GB). With the defaults, the lines' index on products outgrows the buffers at a chain's
/// size, and every page an insert touches after a checkpoint is logged whole once more: the 100× import used 853 to
/// 1,241 s of the server's CPU in four runs, 786 and 906 s in two with 6 GB and 16 GB (README, "Running on
/// PostgreSQL"). The server's settings are its administrator's, so the import only says so.
/// </summary>
public sealed record PostgresServerSettings(long SharedBuffersBytes, long MaxWalSizeBytes)
{
    /// <summary>Below this, the advice is given: eight times PostgreSQL's default, still small for a database server.</summary>
    public const long SharedBuffersAdvisedBytes = 1L << 30;

    /// <summary>Below this, the advice is given: four times PostgreSQL's default.</summary>
    public const long MaxWalSizeAdvisedBytes = 4L << 30;

    /// <summary>Both settings as the server applies them, in bytes (the connection must be open).</summary>
    public static async Task<PostgresServerSettings> ReadAsync(DbConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_size_bytes(current_setting('shared_buffers')), pg_size_bytes(current_setting('max_wal_size'))";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new PostgresServerSettings(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>What to tell whoever imports a chain's file, or null when the server is sized for it.</summary>
    public string? ImportAdvice =>
        SharedBuffersBytes >= SharedBuffersAdvisedBytes && MaxWalSizeBytes >= MaxWalSizeAdvisedBytes
            ? null
            : $"The PostgreSQL server keeps {Size(SharedBuffersBytes)} of pages in memory (shared_buffers) and checkpoints every " +
              $"{Size(MaxWalSizeBytes)} of changes (max_wal_size): a file of millions of lines costs the server less with " +
              "shared_buffers at about a quarter of its memory and max_wal_size of 16GB. Ask the database's administrator " +
              "(README, \"Running on PostgreSQL\").";

    private static string Size(long bytes) => bytes >= 1L << 30 && bytes % (1L << 30) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30}GB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20}MB");
}
