namespace RetailRecs.Core.Import.Tabular;

/// <summary>Windows-1252 (older tills, Excel's CSV) and the code pages ExcelDataReader needs are not built into .NET by default.</summary>
internal static class CodePages
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;
}
