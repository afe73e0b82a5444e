using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Stores a training job's artifacts in the caller's transaction. The part its runs share
/// (<see cref="ModelArtifact.Pieces.Shared"/>) is stored once, in <see cref="ModelArtifactPart"/>, and each run keeps
/// only its header and ranker: at 10× the Online Retail data a job wrote seven copies of 41 MiB (3.5 s of SQLite
/// writes, and 287 MiB more in the database every night) where one is enough.
/// On SQLite each row is made with a zero-filled blob of the right length and the members are written into it one
/// after the other: an artifact as one array, and SQLite's own copy of it when bound as a parameter, were the peak of
/// a 100× training (two extra copies of 400 MiB). Other providers get arrays.
/// </summary>
internal sealed class ArtifactStore(RetailDbContext db)
{
    private byte[]? _storedPart;
    private int _storedPartId;

    /// <returns>The artifact's length in bytes (its own and the shared part's).</returns>
    public async Task<long> WriteAsync(int runId, ModelArtifact.Pieces pieces, CancellationToken ct)
    {
        if (!ReferenceEquals(_storedPart, pieces.Shared))
        {
            _storedPartId = await AddPartAsync(pieces.Shared, ct);
            _storedPart = pieces.Shared;
        }
        await AddOwnAsync(runId, pieces, ct);
        return pieces.Length;
    }

    private async Task<int> AddPartAsync(byte[] shared, CancellationToken ct)
    {
        if (Sqlite() is { } connection)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO ModelArtifactParts (Data) VALUES (zeroblob({shared.LongLength}))", ct);
            var id = SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle);
            await WriteBlobAsync(connection, "ModelArtifactParts", id, [shared], ct);
            return checked((int)id);
        }
        var part = new ModelArtifactPart { Data = shared };
        db.ModelArtifactParts.Add(part);
        await db.SaveChangesAsync(ct);
        db.Entry(part).State = EntityState.Detached;
        return part.Id;
    }

    private async Task AddOwnAsync(int runId, ModelArtifact.Pieces pieces, CancellationToken ct)
    {
        var length = pieces.Header.LongLength + pieces.Ranker.LongLength;
        var at = pieces.Header.Length;
        if (Sqlite() is { } connection)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO ModelRunArtifacts (ModelRunId, Data, SharedPartId, SharedPartAt) VALUES ({runId}, zeroblob({length}), {_storedPartId}, {at})", ct);
            // ModelRunId is the table's INTEGER PRIMARY KEY, so it is the row id the blob is opened by.
            await WriteBlobAsync(connection, "ModelRunArtifacts", runId, [pieces.Header, pieces.Ranker], ct);
            return;
        }
        var artifact = new ModelRunArtifact
        {
            ModelRunId = runId,
            Data = [.. pieces.Header, .. pieces.Ranker],
            SharedPartId = _storedPartId,
            SharedPartAt = at,
        };
        db.ModelRunArtifacts.Add(artifact);
        await db.SaveChangesAsync(ct);
        db.Entry(artifact).State = EntityState.Detached;
    }

    private SqliteConnection? Sqlite() => db.Database.IsSqlite() ? db.Database.GetDbConnection() as SqliteConnection : null;

    private static async Task WriteBlobAsync(SqliteConnection connection, string table, long rowId, byte[][] members, CancellationToken ct)
    {
        using var blob = new SqliteBlob(connection, table, "Data", rowId);
        foreach (var member in members)
        {
            await blob.WriteAsync(member, ct);
        }
    }
}
