namespace RetailRecs.Core.Import;

/// <summary>One file to import: where it is, what it holds, who asked, and the user's column corrections.</summary>
/// <param name="FileName">The name the user gave the file (the upload's name), shown in history and messages.</param>
/// <param name="Map">Corrections to the automatic column mapping: source header → canonical field.</param>
/// <param name="Dates">The user's answer when the file's dates do not say which comes first, day or month.</param>
/// <param name="TextEncoding">A CSV's encoding as the user chose it (<see cref="TextEncodings"/>); null: as the bytes show.</param>
public sealed record ImportRequest(
    Model.ImportKind Kind,
    string FilePath,
    string FileName,
    string ImportedBy,
    bool DryRun = false,
    IReadOnlyDictionary<string, string>? Map = null,
    DateOrder Dates = DateOrder.Detect,
    string? TextEncoding = null);
