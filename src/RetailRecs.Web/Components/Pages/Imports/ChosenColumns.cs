using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Mapping;

namespace RetailRecs.Web.Components.Pages.Imports;

/// <summary>
/// Which column of the file feeds which field, as the admin chose it on the upload page (starting from the columns
/// the reader recognised). One column feeds one field.
/// </summary>
public sealed class ChosenColumns
{
    private readonly Dictionary<string, string> _headerOf;

    private ChosenColumns(Dictionary<string, string> headerOf) => _headerOf = headerOf;

    public static ChosenColumns Empty() => new([]);

    /// <summary>The columns the reader recognised in the preview.</summary>
    public static ChosenColumns From(ImportPreview preview) => new(preview.AutoMapping.ToDictionary(kv => kv.Key, kv => kv.Value));

    /// <summary>The column chosen for <paramref name="field"/>, or null when none is.</summary>
    public string? HeaderOf(string field) => _headerOf.GetValueOrDefault(field);

    /// <summary>Chooses a column for a field (empty: none); taking a column from another field leaves that field unmapped.</summary>
    public void Set(string field, string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            _headerOf.Remove(field);
            return;
        }
        foreach (var other in _headerOf.Where(kv => kv.Value == header).Select(kv => kv.Key).ToList())
        {
            _headerOf.Remove(other);
        }
        _headerOf[field] = header;
    }

    /// <summary>Required fields left without a column.</summary>
    public IReadOnlyList<CanonicalField> MissingRequired(ImportPreview preview) =>
        preview.Fields.Where(f => f.Required && !_headerOf.ContainsKey(f.Name)).ToList();

    /// <summary>The mapping as the import service's overrides: every chosen column, and every other column of the file ignored.</summary>
    public Dictionary<string, string> Overrides(IEnumerable<string> header)
    {
        var overrides = header.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(h => h, _ => "", StringComparer.OrdinalIgnoreCase);
        foreach (var (field, column) in _headerOf)
        {
            overrides[column] = field;
        }
        return overrides;
    }
}
