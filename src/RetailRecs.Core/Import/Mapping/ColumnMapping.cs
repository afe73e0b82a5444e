namespace RetailRecs.Core.Import.Mapping;

/// <summary>Which column of the file feeds which canonical field. Built automatically from the header, then corrected by the user.</summary>
public sealed class ColumnMapping
{
    private readonly Dictionary<string, int> _columnByField;

    private ColumnMapping(IReadOnlyList<string> header, IReadOnlyList<CanonicalField> fields, Dictionary<string, int> columnByField)
    {
        Header = header;
        Fields = fields;
        _columnByField = columnByField;
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<CanonicalField> Fields { get; }

    /// <summary>Column index of the field, or -1 when the file has no such column.</summary>
    public int ColumnOf(string field) => _columnByField.GetValueOrDefault(field, -1);
    public bool Has(string field) => ColumnOf(field) >= 0;

    /// <summary>Cells a row must have for every mapped field to be read: one past the last mapped column.</summary>
    public int CellsNeeded => _columnByField.Count == 0 ? 0 : _columnByField.Values.Max() + 1;

    /// <summary>Field name → source header, for the report and the page.</summary>
    public IReadOnlyDictionary<string, string> Describe() => _columnByField.ToDictionary(kv => kv.Key, kv => Header[kv.Value]);

    /// <summary>
    /// Maps each canonical field to the first header that is its name or one of its aliases, then applies the
    /// user's corrections ("source header" = "canonical field"; an empty field means "ignore this column").
    /// </summary>
    public static ColumnMapping Create(IReadOnlyList<string> header, IReadOnlyList<CanonicalField> fields,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        var map = Suggest(header, fields);
        ApplyOverrides(map, header, fields, overrides);
        var missing = fields.Where(f => f.Required && !map.ContainsKey(f.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new MissingFieldsException(
                $"No column was found for {string.Join(", ", missing.Select(f => $"{f.Name} ({f.Meaning})"))}. " +
                $"The file's columns are: {string.Join(", ", header)}.");
        }
        return new ColumnMapping(header, fields, map);
    }

    /// <summary>The automatic part alone: field → column index for every field a header matches. Never throws.</summary>
    public static Dictionary<string, int> Suggest(IReadOnlyList<string> header, IReadOnlyList<CanonicalField> fields)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var taken = new HashSet<int>();
        // Exact canonical names first, so "Description" is not taken by a looser alias such as "Name" elsewhere; then
        // each field's surest alias wherever it stands ("Qty" before "Count", whichever column comes first).
        foreach (var exactOnly in new[] { true, false })
        {
            foreach (var field in fields.Where(f => !map.ContainsKey(f.Name)))
            {
                var column = Enumerable.Range(0, header.Count)
                    .Where(i => !taken.Contains(i) && field.Rank(header[i]) is var rank && (exactOnly ? rank == 0 : rank >= 0))
                    .OrderBy(i => field.Rank(header[i])).DefaultIfEmpty(-1).First();
                if (column >= 0)
                {
                    map[field.Name] = column;
                    taken.Add(column);
                }
            }
        }

        return map;
    }

    private static void ApplyOverrides(Dictionary<string, int> map, IReadOnlyList<string> header, IReadOnlyList<CanonicalField> fields,
        IReadOnlyDictionary<string, string>? overrides)
    {
        foreach (var (source, target) in overrides ?? new Dictionary<string, string>())
        {
            var column = Enumerable.Range(0, header.Count).FirstOrDefault(i => string.Equals(header[i].Trim(), source.Trim(), StringComparison.OrdinalIgnoreCase), -1);
            if (column < 0)
            {
                throw new ImportException($"The file has no column '{source}'. Its columns are: {string.Join(", ", header)}.");
            }
            // Whatever field used this column lets go of it; an empty target means "ignore this column".
            foreach (var other in map.Where(kv => kv.Value == column).Select(kv => kv.Key).ToList())
            {
                map.Remove(other);
            }
            if (string.IsNullOrWhiteSpace(target))
            {
                continue;
            }
            var field = fields.FirstOrDefault(f => string.Equals(f.Name, target, StringComparison.OrdinalIgnoreCase) || f.Matches(target))
                ?? throw new ImportException($"'{target}' is not a field of this kind of file. Fields: {string.Join(", ", fields.Select(f => f.Name))}.");
            map[field.Name] = column;
        }
    }
}
