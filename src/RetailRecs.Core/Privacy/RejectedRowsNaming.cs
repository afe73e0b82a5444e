using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// Rejected import rows are kept verbatim for the download; these are the ones that name a customer — their code,
/// e-mail, phone or loyalty number in a cell of the file's customer columns (ImportBatch.IdentifierColumns), or the code
/// as Excel writes a number ("12345.0"). Any other cell is not theirs: a quantity or an invoice "12", a stock code in
/// the customers' range. A row that carries a customer code is that customer's alone: a household's shared phone or
/// e-mail in someone else's row handed that person's name and contact details over in this customer's export. The
/// erasure clears these rows and the customer's export hands them over, so both find the same rows. The rows are read
/// once, in pages, and matched here: one pass for a whole batch of customers, and no LIKE over the table per identifier.
/// </summary>
internal static class RejectedRowsNaming
{
    public sealed record Row(long Id, int ImportBatchId, int RowNumber, string Reason, string RawRow);

    public static async Task<List<Row>> FindAsync(RetailDbContext db, IEnumerable<string?> identifiers, IEnumerable<string> codes,
        CancellationToken ct)
    {
        var ownCodes = codes.Where(c => !string.IsNullOrWhiteSpace(c)).SelectMany(c => new[] { c.Trim(), c.Trim() + ".0" }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wanted = identifiers.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim())
            .Concat(ownCodes).ToHashSet(StringComparer.OrdinalIgnoreCase);
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
                .ToDictionary(b => b.Id, b => Parse(b.IdentifierColumns));
            matching.AddRange(page.Where(r => Names(r.Row.RawRow, columns.GetValueOrDefault(r.ImportBatchId), wanted, ownCodes)).Select(r => r.Row));
            if (page.Count < Page)
            {
                return matching;
            }
            after = page[^1].Row.Id;
        }
    }

    /// <summary>What a batch stores: the code's column marked "c" and first, then the others' (each column once).</summary>
    internal static string Columns(int codeColumn, IEnumerable<int> otherColumns)
    {
        var others = otherColumns.Where(c => c >= 0 && c != codeColumn).Distinct().Order().Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(',', codeColumn >= 0 ? others.Prepend($"c{codeColumn}") : others);
    }

    private sealed record IdentifierColumns(int? Code, int[] All);

    private static IdentifierColumns? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        int? code = null;
        var all = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var column = int.Parse(part.TrimStart('c'), System.Globalization.CultureInfo.InvariantCulture);
            code = part.StartsWith('c') ? column : code;
            all.Add(column);
        }
        return new IdentifierColumns(code, [.. all]);
    }

    private static bool Names(string row, IdentifierColumns? identifierColumns, HashSet<string> wanted, HashSet<string> ownCodes)
    {
        if (identifierColumns is null)
        {
            return Cells(row).Any(wanted.Contains); // stored before the columns were kept: any cell, as then
        }
        var cells = Common.CsvLine.Split(row);
        // A code that stands for none (NULL, 0: a row rejected for having no id) names nobody: such a row is matched by
        // its e-mail, phone or loyalty number, as a row with an empty code is.
        if (identifierColumns.Code is { } code && code < cells.Count && cells[code].Trim() is { Length: > 0 } rowCode
            && !Model.CustomerCodePlaceholders.Is(rowCode))
        {
            return ownCodes.Contains(rowCode);
        }
        return identifierColumns.All.Any(c => c < cells.Count && wanted.Contains(cells[c].Trim()));
    }

    private static IEnumerable<string> Cells(string row) =>
        row.Split([',', ';', '\t', '|'], StringSplitOptions.TrimEntries).Select(c => c.Trim('"', ' '));
}
