namespace RetailRecs.Core.Catalog;

/// <summary>
/// Stock codes that appear on invoices but are not goods: postage, fees, manual adjustments, samples, vouchers.
/// They count in revenue but are never recommended.
/// </summary>
public static class NonMerchandiseCodes
{
    // Named one by one rather than "codes without digits": DCGSSBOY and DCGSSGIRL have no digit and are real gift sets.
    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST", "DOT", "C2",          // postage and carriage
        "M", "D", "S", "B",           // manual line, discount, samples, bad-debt adjustment
        "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS",
    };

    public static bool IsNonMerchandise(string sku) =>
        Codes.Contains(sku.Trim()) || sku.StartsWith("gift_", StringComparison.OrdinalIgnoreCase);
}
