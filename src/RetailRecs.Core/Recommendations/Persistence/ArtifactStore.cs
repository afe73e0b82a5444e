using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Stores a run's artifact, given as the gzip members it is the concatenation of (<see cref="ModelArtifact.JobWriter"/>),
/// in the caller's transaction. On SQLite the row is made with a zero-filled blob of the right length and the members are
/// written into it one after the other: an artifact as one array, and SQLite's own copy of it when bound as a parameter,
/// were the peak of a 100× training (two extra copies of 400 MiB). Other providers get the array.
/// </summary>
internal static class ArtifactStore
{
    /// <returns>The artifact's length in bytes.</returns>
    public static async Task<long> WriteAsync(RetailDbContext db, int runId, IReadOnlyList<byte[]> members, CancellationToken ct)
    {
        var length = members.Sum(m => m.LongLength);
        if (db.Database.IsSqlite() && db.Database.GetDbConnection() is SqliteConnection connection)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO ModelRunArtifacts (ModelRunId, Data) VALUES ({runId}, zeroblob({length}))", ct);
            // ModelRunId is the table's INTEGER PRIMARY KEY, so it is the row id the blob is opened by.
            using var blob = new SqliteBlob(connection, "ModelRunArtifacts", "Data", runId);
            foreach (var member in members)
            {
                await blob.WriteAsync(member, ct);
            }
            return length;
        }
        var bytes = new byte[length];
        var at = 0L;
        foreach (var member in members)
        {
            member.CopyTo(bytes, at);
            at += member.LongLength;
        }
        var artifact = new ModelRunArtifact { ModelRunId = runId, Data = bytes };
        db.ModelRunArtifacts.Add(artifact);
        await db.SaveChangesAsync(ct);
        db.Entry(artifact).State = EntityState.Detached;
        return length;
    }
}
