using System.Text;

namespace RetailRecs.Core.Import;

/// <summary>Small, named repairs of free text from exports: whitespace and the commonest Latin-1/UTF-8 mix-ups.</summary>
public static class TextRepair
{
    // A UTF-8 byte sequence decoded once as Latin-1 turns "£" into "Â£", "é" into "Ã©", and so on.
    private static readonly (string Broken, string Fixed)[] Mojibake =
    [
        ("Â£", "£"), ("Ã©", "é"), ("Ã¨", "è"), ("Ã¶", "ö"), ("Ã¼", "ü"), ("Ã¤", "ä"), ("â€™", "’"), ("Â ", " "),
    ];

    /// <summary>Trims, folds runs of white space into one space and repairs mojibake; null or blank gives null.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var repaired = text;
        foreach (var (broken, fixedText) in Mojibake)
        {
            repaired = repaired.Replace(broken, fixedText, StringComparison.Ordinal);
        }
        var sb = new StringBuilder(repaired.Length);
        var lastWasSpace = false;
        foreach (var ch in repaired.Trim())
        {
            var isSpace = char.IsWhiteSpace(ch);
            if (!isSpace || !lastWasSpace)
            {
                sb.Append(isSpace ? ' ' : ch);
            }
            lastWasSpace = isSpace;
        }
        return sb.ToString();
    }
}
