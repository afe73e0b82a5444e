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
    public static string? Clean(string? text) => Clean(text, out _, out _);

    /// <param name="spacing">Whether white space was trimmed or folded.</param>
    /// <param name="encoding">Whether a Latin-1/UTF-8 mix-up was repaired.</param>
    public static string? Clean(string? text, out bool spacing, out bool encoding)
    {
        spacing = encoding = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            spacing = !string.IsNullOrEmpty(text);
            return null;
        }
        var repaired = text;
        if (repaired.Contains('Â') || repaired.Contains('Ã') || repaired.Contains('â'))
        {
            foreach (var (broken, fixedText) in Mojibake)
            {
                repaired = repaired.Replace(broken, fixedText, StringComparison.Ordinal);
            }
            encoding = !ReferenceEquals(repaired, text) && repaired != text;
        }
        if (!NeedsSpacing(repaired))
        {
            return repaired;
        }
        spacing = true;
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

    // Most values are already clean: check before building a new string.
    private static bool NeedsSpacing(string s)
    {
        if (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]))
        {
            return true;
        }
        for (var i = 1; i < s.Length; i++)
        {
            if (char.IsWhiteSpace(s[i]) && (s[i] != ' ' || char.IsWhiteSpace(s[i - 1])))
            {
                return true;
            }
        }
        return false;
    }
}
