using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// The suppression list that keeps an erasure honoured: next month's export, a corrected re-export or a till's event
/// still carries an erased customer's code, and would otherwise create them again with their history. Imports store
/// those lines as anonymous sales, the events API likewise, and customer files and the customers API do not recreate
/// them. Only a one-way key of the code is kept (short numeric codes can still be guessed by trying them all: the list
/// is personal data kept to honour the request, as the GDPR allows, and is never shown).
/// </summary>
public static class ErasedCustomerCodes
{
    public const int KeyLength = 64;

    /// <summary>
    /// The key of a customer code in any case: imports store codes upper-cased, the API as sent, so the same person's
    /// "ws-ab12" from a till and "WS-AB12" from next month's export must give one key. Before 2026-12-06 the key was
    /// taken of the code as stored, and an erased "ws-ab12" came back as "WS-AB12" with the next export.
    /// </summary>
    public static string Key(string code) => Hash(RetailCode.Of(code));

    /// <summary>The key erasures stored before 2026-12-06: of the code as stored (the same as <see cref="Key"/> for imports' upper-cased codes).</summary>
    private static string KeyAsStored(string code) => Hash(code.Trim());

    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("retailrecs/erased/" + code)));

    /// <summary>Every erased customer's key: a few rows, read once per import or batch of events.</summary>
    public static async Task<IReadOnlySet<string>> LoadAsync(RetailDbContext db, CancellationToken ct = default) =>
        (await db.ErasedCustomers.Select(e => e.CodeKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="code"/> belongs to an erased customer; free when nobody was erased.</summary>
    public static bool IsErased(IReadOnlySet<string> erased, string? code) =>
        erased.Count > 0 && code is not null && (erased.Contains(Key(code)) || erased.Contains(KeyAsStored(code)));
}
