using System.Text;
using RetailRecs.Core.Common;

namespace RetailRecs.Web.Components.Charts;

/// <summary>The figures behind a chart, as a table (formatted as the chart) and as CSV (plain numbers, formula-safe like every CSV the app writes).</summary>
public sealed record ChartTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<ChartCell>> Rows)
{
    public static readonly ChartTable Empty = new([], []);

    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Header.Select(CsvCell.Escape)).Append('\n');
        foreach (var row in Rows)
        {
            sb.AppendJoin(',', row.Select(c => CsvCell.Escape(c.Csv))).Append('\n');
        }
        return sb.ToString();
    }
}
