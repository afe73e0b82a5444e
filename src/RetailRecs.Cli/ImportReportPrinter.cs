using RetailRecs.Core.Import;

namespace RetailRecs.Cli;

/// <summary>Prints an import report as plain text: the same facts the upload page shows.</summary>
internal static class ImportReportPrinter
{
    public static void Print(ImportResult result, TextWriter output)
    {
        var report = result.Report;
        output.WriteLine(result.Message);
        foreach (var note in report.Notes)
        {
            output.WriteLine($"  {note}");
        }
        if (report.RowsRead > 0)
        {
            output.WriteLine($"Rows read {report.RowsRead:N0}; stored or storable {report.RowsKept:N0}; rejected {report.RowsRejected:N0}.");
            output.WriteLine("Rule                   Count  What it means (examples)");
            foreach (var rule in report.Rules.OrderBy(r => r.Rejects).ThenByDescending(r => r.Count))
            {
                var examples = rule.Examples.Count == 0 ? "" : $" (e.g. {string.Join("; ", rule.Examples)})";
                output.WriteLine($"{(rule.Rejects ? "x " : "  ")}{rule.Rule,-20} {rule.Count,6:N0}  {rule.Description}{examples}");
            }
        }
        output.WriteLine($"Took {result.Duration.TotalSeconds:F2} s.");
    }
}
