using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Customers;

/// <summary>
/// Finds a customer at the counter from whatever they give: the start of a name (also "Surname, First"), an e-mail or
/// its start, a phone number (whole, with or without the country code, or its last digits), the start of a loyalty
/// number or of the customer code. Case, accents and spacing do not matter. Every way is an index range on a normalised
/// column (<see cref="SearchKeys"/>), so the time does not grow with the number of customers.
/// </summary>
public sealed class CustomerSearch(IDbContextFactory<RetailDbContext> contexts)
{
    public const int MinimumLength = 2;

    /// <summary>Fewer digits than this are too common an ending to search phone numbers by.</summary>
    private const int MinimumPhoneDigits = 4;

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
        var hits = await db.Customers.AsNoTracking()
            .Where(Matching(query))
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.CustomerCode)
            .Take(limit)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.CustomerCode, c.Country, c.LoyaltyNumber, c.Email })
            .ToListAsync(ct);
        return hits.Select(c => new Hit(c.Id,
            string.Join(' ', new[] { c.FirstName, c.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : $"Customer {c.CustomerCode}",
            c.CustomerCode, c.Country, c.LoyaltyNumber, c.Email)).ToList();
    }

    /// <summary>What the typed text matches, as ranges and equalities on indexed columns only.</summary>
    private static Expression<Func<Customer, bool>> Matching(string query)
    {
        var phone = PhoneNumberForms.Of(query);
        var digits = SearchKeys.PhoneWhole(query) ?? "";
        var isDigits = digits.Length >= MinimumPhoneDigits && digits.All(char.IsAsciiDigit);
        // "Reynolds, Jany" is how lists and forms write a name: the comma only separates words.
        var words = query.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SearchKeys.Name).OfType<string>().ToArray();
        if (words.Length > 1 && phone is null && !isDigits)
        {
            // "ada love" finds Ada Lovelace: every word starts the first or the last name. Names of several words
            // ("Vincent van Gogh", "Mary Ann Evans", "van Gogh, Vincent") split between the two, either way round.
            // Each alternative ORed here starts with a plain range on one column, which SQLite needs to seek an index
            // for each (an OR nested in an AND made it scan): the first word's two ways are spelt out.
            var rest = words[1..].Select(NameStarts).Aggregate(AllOf);
            var named = AnyOf(AllOf(Starts(c => c.SearchFirstName, words[0]), rest), AllOf(Starts(c => c.SearchLastName, words[0]), rest));
            for (var split = 1; split < words.Length; split++)
            {
                var (before, after) = (string.Join(' ', words[..split]), string.Join(' ', words[split..]));
                named = AnyOf(named, AllOf(Starts(c => c.SearchFirstName, before), Starts(c => c.SearchLastName, after)));
                named = AnyOf(named, AllOf(Starts(c => c.SearchLastName, before), Starts(c => c.SearchFirstName, after)));
            }
            // A loyalty number read out in groups ("RR 5550 1234").
            return SearchKeys.Compact(query) is { } grouped ? AnyOf(named, Starts(c => c.SearchLoyaltyNumber, grouped)) : named;
        }

        var ways = new List<Expression<Func<Customer, bool>>>();
        if (SearchKeys.Name(query) is { } name)
        {
            ways.Add(NameStarts(name));
        }
        if (SearchKeys.Email(query) is { } email && !email.Any(char.IsWhiteSpace))
        {
            ways.Add(Starts(c => c.SearchEmail, email));
        }
        ways.Add(Starts(c => c.CustomerCode, query));
        if (query.ToUpperInvariant() is var upper && upper != query)
        {
            ways.Add(Starts(c => c.CustomerCode, upper));
        }
        if (SearchKeys.Compact(query) is { } loyalty)
        {
            ways.Add(Starts(c => c.SearchLoyaltyNumber, loyalty));
        }
        if (isDigits)
        {
            // "900 789": the last digits of a number, the way people read one out to check it.
            ways.Add(Starts(c => c.SearchPhoneReversed, SearchKeys.PhoneDigitsReversed(digits)!));
        }
        if (phone is not null)
        {
            // A whole number: stored exactly in one of the ways it can be written, or (typed the national way) the end of
            // a number stored with its country code.
            var written = phone.Written;
            ways.Add(c => written.Contains(c.SearchPhone));
            if (phone.NationalSignificant is { } national)
            {
                ways.Add(Starts(c => c.SearchPhoneReversed, SearchKeys.PhoneDigitsReversed(national)!));
            }
        }
        return ways.Aggregate(AnyOf);
    }

    private static Expression<Func<Customer, bool>> NameStarts(string word) =>
        AnyOf(Starts(c => c.SearchFirstName, word), Starts(c => c.SearchLastName, word));

    /// <summary>column ≥ prefix and column &lt; the next prefix: an index seek on every provider.</summary>
    private static Expression<Func<Customer, bool>> Starts(Expression<Func<Customer, string?>> column, string prefix)
    {
        var (from, to) = SearchKeys.PrefixRange(prefix);
        Expression<Func<string?, bool>> inRange = value => string.Compare(value, from) >= 0 && string.Compare(value, to) < 0;
        return Expression.Lambda<Func<Customer, bool>>(
            new Substitute(inRange.Parameters[0], column.Body).Visit(inRange.Body), column.Parameters);
    }

    private static Expression<Func<Customer, bool>> AnyOf(Expression<Func<Customer, bool>> a, Expression<Func<Customer, bool>> b) =>
        Expression.Lambda<Func<Customer, bool>>(Expression.OrElse(a.Body, new Substitute(b.Parameters[0], a.Parameters[0]).Visit(b.Body)), a.Parameters);

    private static Expression<Func<Customer, bool>> AllOf(Expression<Func<Customer, bool>> a, Expression<Func<Customer, bool>> b) =>
        Expression.Lambda<Func<Customer, bool>>(Expression.AndAlso(a.Body, new Substitute(b.Parameters[0], a.Parameters[0]).Visit(b.Body)), a.Parameters);

    /// <summary>Puts one expression where a parameter was, to join small predicates into one query.</summary>
    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
