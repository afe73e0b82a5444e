using System.IO.Compression;
using System.Text;
using Microsoft.VisualBasic.FileIO;

namespace RetailRecs.Testing;

/// <summary>The committed demo slice, reshaped as another retailer's export would be.</summary>
public static class SampleSlice
{
    /// <summary>The slice as CSV text without one of its columns (an export that lacks prices, or quantities).</summary>
    public static string Without(string column)
    {
        using var gzip = new GZipStream(File.OpenRead(RepositoryPaths.SampleData), CompressionMode.Decompress);
        using var parser = new TextFieldParser(gzip) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var drop = Array.IndexOf(header, column);
        var text = new StringBuilder();
        for (var fields = header; fields is not null; fields = parser.ReadFields())
        {
            text.AppendJoin(',', fields.Where((_, i) => i != drop).Select(Quote)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The distinct values of one column of the slice, in the order they first appear (e.g. every product name).</summary>
    public static IReadOnlyList<string> Distinct(string column)
    {
        using var gzip = new GZipStream(File.OpenRead(RepositoryPaths.SampleData), CompressionMode.Decompress);
        using var parser = new TextFieldParser(gzip) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var index = Array.IndexOf(parser.ReadFields()!, column);
        var values = new List<string>();
        var seen = new HashSet<string>();
        for (var fields = parser.ReadFields(); fields is not null; fields = parser.ReadFields())
        {
            if (seen.Add(fields[index]))
            {
                values.Add(fields[index]);
            }
        }
        return values;
    }

    private static string Quote(string cell) => cell.Contains(',') || cell.Contains('"') ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
