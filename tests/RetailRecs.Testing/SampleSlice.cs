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

    private static string Quote(string cell) => cell.Contains(',') || cell.Contains('"') ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
