using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// <c>INSERT … VALUES (…), (…) ON CONFLICT (key) DO UPDATE SET column = column + excluded.column</c>: adds rows to a
/// rollup table by key in one statement, the same text on SQLite and PostgreSQL (quoted names, <c>excluded</c>).
/// Through EF Core a row is a read and a write of its own; a group of till sales touches hundreds.
/// </summary>
internal static class Upsert
{
    /// <param name="row">Each row's values: the key columns' then the added columns', in that order.</param>
    public static Task RowsAsync(RetailDbContext db, string table, string[] keys, string[] added, IReadOnlyCollection<object[]> row, CancellationToken ct) =>
        row.Count == 0 ? Task.CompletedTask : db.Database.ExecuteSqlRawAsync(Sql(table, keys, added, row, returning: ""), row.SelectMany(r => r), ct);

    /// <summary>As <see cref="RowsAsync(RetailDbContext, string, string[], string[], IReadOnlyCollection{object[]}, CancellationToken)"/>, reading back what <paramref name="returning"/> names.</summary>
    public static async Task<List<T>> RowsAsync<T>(RetailDbContext db, string table, string[] keys, string[] added, IReadOnlyCollection<object[]> row,
        string returning, CancellationToken ct) =>
        row.Count == 0 ? [] : await db.Database.SqlQueryRaw<T>(Sql(table, keys, added, row, returning), [.. row.SelectMany(r => r)]).ToListAsync(ct);

    private static string Sql(string table, string[] keys, string[] added, IReadOnlyCollection<object[]> rows, string returning)
    {
        var width = keys.Length + added.Length;
        var values = string.Join(", ", rows.Select((_, r) => "(" + string.Join(", ", Enumerable.Range(r * width, width).Select(i => $"{{{i}}}")) + ")"));
        var columns = string.Join(", ", keys.Concat(added).Select(c => $"\"{c}\""));
        var sums = string.Join(", ", added.Select(c => $"\"{c}\" = \"{table}\".\"{c}\" + excluded.\"{c}\""));
        return $"INSERT INTO \"{table}\" ({columns}) VALUES {values} ON CONFLICT ({string.Join(", ", keys.Select(k => $"\"{k}\""))}) DO UPDATE SET {sums}{returning}";
    }
}
