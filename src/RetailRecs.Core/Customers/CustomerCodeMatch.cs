using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Customers;

/// <summary>
/// How store systems' customer codes find a stored customer: as sent, else as imports store codes (upper-cased). A till
/// that sends "ab12" for the customer an export imported as "AB12" reaches that customer; before 2026-12-06 it created
/// a second one. Stored codes are left as they are (the API still stores a new customer's code as sent).
/// </summary>
internal static class CustomerCodeMatch
{
    /// <summary>The forms a code is looked up by: as sent, and upper-cased when that differs.</summary>
    public static IReadOnlyList<string> Forms(string code) => RetailCode.Of(code) is var upper && upper != code ? [code, upper] : [code];

    /// <summary>For each code, the id of the customer it finds (exact form first); codes finding none are absent.</summary>
    public static async Task<Dictionary<string, int>> IdsAsync(RetailDbContext db, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var forms = codes.SelectMany(Forms).Distinct().ToList();
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in forms.Chunk(1_000))
        {
            foreach (var c in await db.Customers.Where(c => chunk.Contains(c.CustomerCode)).Select(c => new { c.CustomerCode, c.Id }).ToListAsync(ct))
            {
                stored[c.CustomerCode] = c.Id;
            }
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            foreach (var form in Forms(code))
            {
                if (stored.TryGetValue(form, out var id))
                {
                    ids[code] = id;
                    break;
                }
            }
        }
        return ids;
    }
}
