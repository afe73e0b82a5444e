using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// Rejected import rows are kept verbatim for the download; these are the ones that name a customer — their code,
/// e-mail, phone or loyalty number in a cell of the file's customer columns (ImportBatch.IdentifierColumns), or the code
/// as Excel writes a number ("12345.0"). Any other cell is not theirs: a quantity or an invoice "12", a stock code in
/// the customers' range, a household's shared phone in someone else's row. The erasure clears these rows and the
/// customer's export hands them over, so both find the same rows. The rows are read once, in pages, and matched here:
/// one pass for a whole batch of customers, and no LIKE over the table per identifier.
/// </summary>
internal static class RejectedRowsNaming
{
    public sealed record Row(long Id, int ImportBatchId, int RowNumber, string Reason, string RawRow);

    public static async Task<List<Row>> FindAsync(RetailDbContext db, IEnumerable<string?> identifiers, IEnumerable<string> codes,
        CancellationToken ct)
    {
        var wanted = identifiers.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim())
            .Concat(codes.Select(c => c + ".0")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matching = new List<Row>();
        if (wanted.Count == 0 || !await db.ImportRejections.AnyAsync(r => r.RawRow != null, ct))
        {
            return matching;
        }
        const int Page = 5000;
        long after = 0;
        while (true)
        {
            var page = await db.ImportRejections.AsNoTracking().Where(r => r.RawRow != null && r.Id > after).OrderBy(r => r.Id).Take(Page)
                .Select(r => new { Row = new Row(r.Id, r.ImportBatchId, r.RowNumber, r.Reason, r.RawRow!), r.ImportBatchId }).ToListAsync(ct);
            var batches = page.Select(r => r.ImportBatchId).Distinct().ToList();
            var columns = (await db.ImportBatches.AsNoTracking().Where(b => batches.Contains(b.Id)).Select(b => new { b.Id, b.IdentifierColumns }).ToListAsync(ct))
                .ToDictionary(b => b.Id, b => b.IdentifierColumns is { } text ? text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray() : null);
            matching.AddRange(page.Where(r => Names(r.Row.RawRow, columns.GetValueOrDefault(r.ImportBatchId), wanted)).Select(r => r.Row));
            if (page.Count < Page)
            {
                return matching;
            }
            after = page[^1].Row.Id;
        }
    }

    private static bool Names(string row, int[]? identifierColumns, HashSet<string> wanted)
    {
        if (identifierColumns is null)
        {
            return Cells(row).Any(wanted.Contains); // stored before the columns were kept: any cell, as then
        }
        var cells = Common.CsvLine.Split(row);
        return identifierColumns.Any(c => c < cells.Count && wanted.Contains(cells[c].Trim()));
    }

    private static IEnumerable<string> Cells(string row) =>
        row.Split([',', ';', '\t', '|'], StringSplitOptions.TrimEntries).Select(c => c.Trim('"', ' '));
}
