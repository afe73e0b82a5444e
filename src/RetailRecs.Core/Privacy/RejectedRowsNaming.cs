using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// Rejected import rows are kept verbatim for the download; these are the ones that name a customer — their code,
/// e-mail, phone or loyalty number as one of the row's cells, or the code as Excel writes a number ("12345.0"). The
/// erasure clears them and the customer's export hands them over, so both find the same rows. The rows are read once,
/// in pages, and matched here: one pass for a whole batch of customers, and no LIKE over the table per identifier.
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
                .Select(r => new Row(r.Id, r.ImportBatchId, r.RowNumber, r.Reason, r.RawRow!)).ToListAsync(ct);
            matching.AddRange(page.Where(r => Cells(r.RawRow).Any(wanted.Contains)));
            if (page.Count < Page)
            {
                return matching;
            }
            after = page[^1].Id;
        }
    }

    private static IEnumerable<string> Cells(string row) =>
        row.Split([',', ';', '\t', '|'], StringSplitOptions.TrimEntries).Select(c => c.Trim('"', ' '));
}
