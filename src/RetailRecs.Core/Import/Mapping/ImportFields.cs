using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import.Mapping;

/// <summary>The canonical fields of each kind of file.</summary>
public static class ImportFields
{
    public static IReadOnlyList<CanonicalField> For(ImportKind kind) => kind switch
    {
        ImportKind.Transactions => TransactionFields.All,
        ImportKind.Products => ProductFields.All,
        ImportKind.Customers => CustomerFields.All,
        _ => throw new ImportException($"Files of kind '{kind}' cannot be uploaded."),
    };
}
