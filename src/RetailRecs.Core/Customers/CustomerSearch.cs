using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Customers;

/// <summary>
/// Finds a customer at the counter from whatever they give: part of a name (also "Surname, First"), an e-mail, a phone
/// number typed with or without spaces or with the country code, a loyalty number or the customer code. Case and spacing
/// do not matter.
/// </summary>
public sealed class CustomerSearch(IDbContextFactory<RetailDbContext> contexts)
{
    public const int MinimumLength = 2;

    /// <summary>A match, with just enough to pick the right person (contact details are for the card, not the list).</summary>
    public sealed record Hit(int Id, string Name, string CustomerCode, string? Country, string? LoyaltyNumber, string? Email);

    public async Task<IReadOnlyList<Hit>> SearchAsync(string? text, int limit = 10, CancellationToken ct = default)
    {
        var query = (text ?? "").Trim();
        if (query.Length < MinimumLength)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lower = query.ToLowerInvariant();
        var compact = new string(query.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToLowerInvariant();
        // "Reynolds, Jany" is how lists and forms write a name: the comma only separates words.
        var words = lower.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A whole phone number, written the international way or the national way, finds it stored either way.
        var phone = PhoneNumberForms.Of(query);
        var wholeNumbers = phone?.Written ?? [];
        var nationalEnd = phone?.NationalSignificant ?? "\u0001"; // matches nothing when the text is no phone number

        var customers = db.Customers.AsNoTracking();
        IQueryable<Model.Customer> matches;
        var looksLikeNumber = phone is not null || (compact.Length >= 4 && compact.All(char.IsAsciiDigit));
        if (words.Length > 1 && !looksLikeNumber)
        {
            // "ada love" finds Ada Lovelace: every word starts the first or the last name.
            matches = customers;
            foreach (var word in words)
            {
                matches = matches.Where(c => c.FirstName!.ToLower().StartsWith(word) || c.LastName!.ToLower().StartsWith(word));
            }
        }
        else
        {
            matches = customers.Where(c =>
                c.FirstName!.ToLower().StartsWith(lower) || c.LastName!.ToLower().StartsWith(lower)
                || c.Email!.ToLower().Contains(lower)
                || c.CustomerCode.ToLower().StartsWith(lower)
                || c.LoyaltyNumber!.ToLower().Contains(compact)
                || (compact.Length >= 4 && c.Phone!.Replace(" ", "").Replace("-", "").Contains(compact))
                || wholeNumbers.Contains(c.Phone!.Replace(" ", "").Replace("-", "").Replace("(", "").Replace(")", ""))
                || c.Phone!.Replace(" ", "").Replace("-", "").EndsWith(nationalEnd));
        }
        var hits = await matches
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.CustomerCode)
            .Take(limit)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.CustomerCode, c.Country, c.LoyaltyNumber, c.Email })
            .ToListAsync(ct);
        return hits.Select(c => new Hit(c.Id,
            string.Join(' ', new[] { c.FirstName, c.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : $"Customer {c.CustomerCode}",
            c.CustomerCode, c.Country, c.LoyaltyNumber, c.Email)).ToList();
    }
}
