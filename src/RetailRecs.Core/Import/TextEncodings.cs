using System.Text;

namespace RetailRecs.Core.Import;

/// <summary>
/// The encodings a user can choose for a CSV export when the guess is wrong: UTF-8 and Windows-1252 are told apart
/// from the bytes, but an older till's Windows-1250 (Polish, Czech, Hungarian) or Windows-1251 (Russian, Bulgarian)
/// reads as Windows-1252 and turns "Łódź" into "£ódŸ". Workbooks (.xlsx) say their own encoding and ignore the choice.
/// </summary>
public static class TextEncodings
{
    /// <summary>Name (as .NET and the CLI's --encoding know it) and what the page calls it.</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> Choices =
    [
        ("utf-8", "UTF-8"),
        ("windows-1252", "Western European (Windows-1252)"),
        ("windows-1250", "Central European (Windows-1250)"),
        ("windows-1251", "Cyrillic (Windows-1251)"),
        ("windows-1257", "Baltic (Windows-1257)"),
        ("windows-1253", "Greek (Windows-1253)"),
        ("windows-1254", "Turkish (Windows-1254)"),
        ("iso-8859-2", "Central European (ISO 8859-2)"),
    ];

    /// <summary>The encoding chosen, or null for "as the file shows".</summary>
    public static Encoding? Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var choice = Choices.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)).Name
            ?? throw new ImportException($"'{name}' is not an encoding the import reads. Choose one of: {string.Join(", ", Choices.Select(c => c.Name))}.");
        Tabular.CodePages.EnsureRegistered();
        return Encoding.GetEncoding(choice);
    }
}
