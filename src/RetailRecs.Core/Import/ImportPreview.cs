using RetailRecs.Core.Import.Mapping;

namespace RetailRecs.Core.Import;

/// <summary>What the upload page shows before anything is cleaned: how the file was read, its first rows, and the automatic mapping.</summary>
public sealed record ImportPreview(
    string Format,
    string Encoding,
    string? Delimiter,
    IReadOnlyList<string> Header,
    IReadOnlyList<string[]> FirstRows,
    IReadOnlyList<CanonicalField> Fields,
    IReadOnlyDictionary<string, string> AutoMapping,
    string? DateFormat);
