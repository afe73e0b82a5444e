using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// <c>INSERT … VALUES (…), (…) ON CONFLICT (key) DO UPDATE SET column = column + excluded.column</c>: adds rows to a
/// rollup table by key, the same text on SQLite and PostgreSQL (quoted names, <c>excluded</c>). Through EF Core a row
/// is a read and a write of its own, and a group of till sales touches hundreds.
/// </summary>
internal static class Upsert
{
    /// <summary>
    /// Rows per statement are powers of two up to this (37 rows: 32, 4 and 1), so the statements' texts are a few per
    /// table, each prepared and compiled once, not one per group size.
    /// </summary>
    private const int MaxRowsPerStatement = 512;

    /// <param name="rows">Each row's values: the key columns' then the added columns', in that order.</param>
    public static async Task RowsAsync(RetailDbContext db, string table, string[] keys, string[] added, IReadOnlyList<object[]> rows, CancellationToken ct)
    {
        foreach (var piece in Pieces(rows))
        {
            await db.Database.ExecuteSqlRawAsync(Sql(table, keys, added, piece.Length, returning: ""), piece.SelectMany(r => r), ct);
        }
    }

    /// <summary>As <see cref="RowsAsync(RetailDbContext, string, string[], string[], IReadOnlyList{object[]}, CancellationToken)"/>, reading back what <paramref name="returning"/> names.</summary>
    public static async Task<List<T>> RowsAsync<T>(RetailDbContext db, string table, string[] keys, string[] added, IReadOnlyList<object[]> rows,
        string returning, CancellationToken ct)
    {
        var read = new List<T>(rows.Count);
        foreach (var piece in Pieces(rows))
        {
            read.AddRange(await db.Database.SqlQueryRaw<T>(Sql(table, keys, added, piece.Length, returning), [.. piece.SelectMany(r => r)]).ToListAsync(ct));
        }
        return read;
    }

    private static IEnumerable<object[][]> Pieces(IReadOnlyList<object[]> rows)
    {
        var start = 0;
        while (start < rows.Count)
        {
            var size = Math.Min(MaxRowsPerStatement, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(rows.Count - start) + 1) / 2);
            yield return [.. rows.Skip(start).Take(size)];
            start += size;
        }
    }

    private static string Sql(string table, string[] keys, string[] added, int rows, string returning)
    {
        var width = keys.Length + added.Length;
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(r * width, width).Select(i => $"{{{i}}}")) + ")"));
        var columns = string.Join(", ", keys.Concat(added).Select(c => $"\"{c}\""));
        var sums = string.Join(", ", added.Select(c => $"\"{c}\" = \"{table}\".\"{c}\" + excluded.\"{c}\""));
        return $"INSERT INTO \"{table}\" ({columns}) VALUES {values} ON CONFLICT ({string.Join(", ", keys.Select(k => $"\"{k}\""))}) DO UPDATE SET {sums}{returning}";
    }
}
