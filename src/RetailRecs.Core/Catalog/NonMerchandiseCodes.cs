namespace RetailRecs.Core.Catalog;

/// <summary>
/// Stock codes that appear on invoices but are not goods: postage, fees, manual adjustments, samples, vouchers.
/// They count in revenue but are never recommended. A shop whose export has no codes names its products by their
/// normalised description ("POSTAGE", "DELIVERY CHARGE"), so the names such lines carry are listed as well: the
/// Online Retail file's own (its POST line is "POSTAGE" once the codes are gone) and common ones of other retailers.
/// </summary>
public static class NonMerchandiseCodes
{
    // Named one by one rather than "codes without digits": DCGSSBOY and DCGSSGIRL have no digit and are real gift sets.
    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST", "DOT", "C2",          // postage and carriage
        "M", "D", "S", "B",           // manual line, discount, samples, bad-debt adjustment
        "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS",
        // The same lines by name (a shop without codes).
        "POSTAGE", "DOTCOM POSTAGE", "CARRIAGE", "MANUAL", "DISCOUNT", "SAMPLES", "AMAZON FEE", "CRUK COMMISSION",
        "ADJUST BAD DEBT", "PADS TO MATCH ALL CUSHIONS",
        // Other retailers' charges, levies and vouchers, by whole name only ("gift card holder" is goods).
        "DELIVERY", "DELIVERY CHARGE", "SHIPPING", "SHIPPING CHARGE", "SERVICE CHARGE", "GIFT VOUCHER",
        "CARRIER BAG", "SHOPPING BAGS", "BAG LEVY", "DEPOSIT", "BOTTLE DEPOSIT",
    };

    public static bool IsNonMerchandise(string sku) =>
        Codes.Contains(sku.Trim()) || sku.StartsWith("gift_", StringComparison.OrdinalIgnoreCase)
        || sku.StartsWith("DOTCOMGIFTSHOP GIFT VOUCHER", StringComparison.OrdinalIgnoreCase);
}
