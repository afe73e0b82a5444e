using System.Text;

namespace RetailRecs.Core.Import.Tabular;

/// <summary>Guesses a text file's encoding and delimiter from its first bytes, and refuses files that are not text.</summary>
public static class TextFormatSniffer
{
    public const int SampleSize = 64 * 1024;

    private static readonly (char Char, string Name)[] Delimiters = [(',', "comma"), (';', "semicolon"), ('\t', "tab"), ('|', "pipe")];

    /// <summary>UTF-8 (with or without BOM) or UTF-16 when the bytes say so; otherwise Windows-1252, the usual export of older tills and Excel.</summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(false);
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return System.Text.Encoding.Unicode;
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return System.Text.Encoding.BigEndianUnicode;
        }
        // A sample may end in the middle of a multi-byte character: ignore an incomplete tail.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var cut = 0; cut < 4 && cut < sample.Length; cut++)
        {
            try
            {
                strict.GetCharCount(sample[..^cut]);
                return new UTF8Encoding(false);
            }
            catch (DecoderFallbackException) when (cut < 3 && sample.Length == SampleSize)
            {
            }
            catch (DecoderFallbackException)
            {
                break;
            }
        }
        CodePages.EnsureRegistered();
        return System.Text.Encoding.GetEncoding(1252);
    }

    /// <summary>Throws when the sample looks like a binary file (NUL bytes outside UTF-16) or holds nothing.</summary>
    public static void EnsureText(ReadOnlySpan<byte> sample, Encoding encoding, string fileName)
    {
        if (sample.IsEmpty)
        {
            throw new ImportException($"'{fileName}' is empty. Export the data again and choose the file that holds it.");
        }
        if (encoding is not UnicodeEncoding && sample.Contains((byte)0))
        {
            throw new ImportException(
                $"'{fileName}' is not a text file (it holds binary data). Choose a CSV export, a .csv.gz or an .xlsx workbook; " +
                "a workbook renamed to .csv cannot be read as CSV.");
        }
    }

    /// <summary>The delimiter that occurs most often outside quotes on the header line; a comma when there is none.</summary>
    public static (char Char, string Name) DetectDelimiter(string headerLine)
    {
        var counts = new int[Delimiters.Length];
        var quoted = false;
        foreach (var ch in headerLine)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                for (var i = 0; i < Delimiters.Length; i++)
                {
                    if (ch == Delimiters[i].Char)
                    {
                        counts[i]++;
                    }
                }
            }
        }
        var best = Array.IndexOf(counts, counts.Max());
        return counts[best] == 0 ? Delimiters[0] : Delimiters[best];
    }
}
