using System.Text.RegularExpressions;

namespace RetailRecs.Core.Model;

/// <summary>
/// Recognises the order keys the import makes up when a file has no invoice column ("B" + yyMMddHHmmss + "-" + the
/// customer's 64-bit hash (32-bit before 2026-12-06), "ANON", or "L" + the line's hash and its count in the day — before 2026-12-06 "R" + the row
/// number; see TransactionCleaner.BasketKey). They keep baskets apart and make
/// re-imports idempotent, but mean nothing to a person: pages show no invoice number for them.
/// </summary>
public static partial class GeneratedBasketKey
{
    public static bool Is(string invoiceNumber) => Pattern().IsMatch(invoiceNumber);

    [GeneratedRegex("^B[0-9]{12}-(?:[0-9A-F]{16}|[0-9A-F]{8}|ANON|R[0-9]+|L[0-9A-F]{8}-[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
