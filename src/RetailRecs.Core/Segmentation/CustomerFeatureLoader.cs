using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Segmentation;

/// <summary>
/// Reads <see cref="CustomerFeatures"/> for every customer with a purchase who does not object to profiling, aggregating in SQL (orders carry their
/// totals, so this reads one row per customer, plus one per customer and category for the category shares).
/// </summary>
public sealed class CustomerFeatureLoader(IDbContextFactory<RetailDbContext> contexts)
{
    /// <summary>Categories kept as their own feature; the rest of a customer's spend is pooled as "Other".</summary>
    public const int TopCategories = 12;

    /// <param name="SpendKnown">
    /// False when none of these customers' lines has a price (a grocer's member, date and item export): spend, basket value
    /// and returns are then unknown, not zero, and category shares are shares of units.
    /// </param>
    public sealed record Loaded(DateOnly AsOf, IReadOnlyList<CustomerFeatures> Customers, IReadOnlyList<string> Categories, bool SpendKnown = true);

    public async Task<Loaded> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));

        // A customer who objects to personalisation is not profiled: neither segmented nor RFM-scored.
        var totals = await db.Orders.Where(o => o.CustomerId != null && !o.Customer!.PersonalizationOptOut)
            .GroupBy(o => o.CustomerId!.Value)
            .Select(g => new
            {
                CustomerId = g.Key,
                Orders = g.Count(o => !o.IsCancellation),
                Bought = g.Sum(o => o.IsCancellation ? 0.0 : (double)o.Revenue),
                Returned = g.Sum(o => o.IsCancellation ? -(double)o.Revenue : 0.0),
                Items = g.Sum(o => o.IsCancellation ? 0 : o.Items),
                First = g.Where(o => !o.IsCancellation).Min(o => (DateOnly?)o.PlacedOn),
                Last = g.Where(o => !o.IsCancellation).Max(o => (DateOnly?)o.PlacedOn),
            })
            .ToListAsync(ct);
        totals.RemoveAll(t => t.Orders == 0 || t.Last is null);
        if (totals.Count == 0)
        {
            return new Loaded(DateOnly.FromDateTime(DateTime.Today), [], []);
        }
        // Recency is reckoned from the last day with sales, not from today: an export from last year must not make
        // every customer look lost.
        var asOf = totals.Max(t => t.Last!.Value);

        var spendKnown = await db.OrderLines.AnyAsync(l => l.Order!.CustomerId != null && l.UnitPrice != null, ct);
        // A history imported without prices and priced sales since (a grocer's member file, then its tills): a sale
        // without a price counts at the product's usual price. Before 2026-12-07 it counted nothing, and a member whose
        // sales were all in the history had spend 0, the lowest money score and a "low spend" segment. Only when some
        // member's order has no priced line (read from the orders, not the lines); in a shop whose every order has a
        // price, a line without one beside priced lines still counts nothing.
        var mixed = spendKnown && await db.Orders.AnyAsync(o => o.CustomerId != null && o.Revenue == 0 && o.Items != 0, ct);
        // One pass over the members' lines, per customer and category: the lines are most of the database, and a mixed
        // shop read them three times (70 s at 10× the Online Retail data). Joined explicitly: with the same columns reached
        // through navigations EF Core wrote a correlated subquery per sum and group (over 150 s at 10×).
        var perCategory = (from l in db.OrderLines
                           join o in db.Orders on l.OrderId equals o.Id
                           join p in db.Products on l.ProductId equals p.Id
                           where o.CustomerId != null
                           select new
                           {
                               CustomerId = o.CustomerId!.Value,
                               Category = p.Category ?? p.AutoCategory,
                               o.IsCancellation,
                               l.Quantity,
                               Price = (double?)l.UnitPrice,
                               Usual = (double?)p.UnitPrice ?? 0.0,
                           })
            .GroupBy(x => new { x.CustomerId, x.Category })
            .Select(g => new CategorySums(g.Key.CustomerId, g.Key.Category,
                g.Sum(x => !x.IsCancellation && x.Quantity > 0 ? 1 : 0),
                g.Sum(x => !x.IsCancellation && x.Quantity > 0 ? x.Price * x.Quantity : 0.0) ?? 0.0,
                g.Sum(x => !x.IsCancellation && x.Quantity > 0 ? x.Quantity : 0),
                g.Sum(x => x.Price == null && !x.IsCancellation && x.Quantity > 0 ? 1 : 0),
                g.Sum(x => x.Price == null && !x.IsCancellation && x.Quantity > 0 ? x.Usual * x.Quantity : 0.0),
                g.Sum(x => x.Price == null && !x.IsCancellation ? x.Usual * x.Quantity : 0.0),
                g.Sum(x => x.Price == null && x.IsCancellation ? -x.Usual * x.Quantity : 0.0)));
        // Read as the rows arrive (a chain has millions of customer-and-category pairs), keeping only the profiled
        // customers' (objectors are left out of the totals above) with one copy of each category's name. A category
        // bought both with and without prices gives two entries, each clamped at zero on its own below.
        var profiled = totals.Select(t => t.CustomerId).ToHashSet();
        var unpriced = new Dictionary<int, (double Bought, double Returned)>();
        var spend = new List<(int CustomerId, string? Category, double Spend)>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var x in perCategory.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!profiled.Contains(x.CustomerId))
            {
                continue;
            }
            var category = x.Category is null ? null : names.TryAdd(x.Category, x.Category) ? x.Category : names[x.Category];
            if (x.Purchases > 0)
            {
                // Without prices a category's share is its share of the units bought: still what the customer's baskets hold.
                spend.Add((x.CustomerId, category, spendKnown ? x.PricedSpend : x.UnitsBought));
            }
            // A sale without a price counts at its product's usual price in a mixed shop only (above).
            if (mixed && x.UnpricedPurchases > 0)
            {
                spend.Add((x.CustomerId, category, x.UnpricedSpend));
            }
            if (mixed && (x.UnpricedBought != 0 || x.UnpricedReturned != 0))
            {
                var sofar = unpriced.GetValueOrDefault(x.CustomerId);
                unpriced[x.CustomerId] = (sofar.Bought + x.UnpricedBought, sofar.Returned + x.UnpricedReturned);
            }
        }
        var categories = spend.Where(s => s.Category is not null).GroupBy(s => s.Category!)
            .OrderByDescending(g => g.Sum(s => s.Spend)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(TopCategories).Select(g => g.Key).ToList();
        var kept = categories.ToHashSet();
        var sharesByCustomer = spend.GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g =>
        {
            var total = g.Sum(s => Math.Max(0, s.Spend));
            var shares = new Dictionary<string, double>();
            if (total <= 0)
            {
                return shares;
            }
            foreach (var s in g)
            {
                var key = s.Category is { } c && kept.Contains(c) ? c : "Other";
                shares[key] = shares.GetValueOrDefault(key) + Math.Max(0, s.Spend) / total;
            }
            return shares;
        });

        var people = await db.Customers.AsNoTracking()
            .Select(c => new { c.Id, c.Country, c.Region, c.Gender, c.BirthYear, c.HasFictionalProfile })
            .ToListAsync(ct);
        var personById = people.Where(p => profiled.Contains(p.Id)).ToDictionary(p => p.Id);

        var customers = totals.OrderBy(t => t.CustomerId).Select(t =>
        {
            var p = personById[t.CustomerId];
            var (bought, returned) = unpriced.TryGetValue(t.CustomerId, out var u) ? (t.Bought + u.Bought, t.Returned + u.Returned) : (t.Bought, t.Returned);
            // Demo profiles are invented (random gender and birth year): clustering on them would find noise.
            var real = !p.HasFictionalProfile;
            return new CustomerFeatures(
                t.CustomerId,
                asOf.DayNumber - t.Last!.Value.DayNumber,
                t.Orders,
                Math.Max(0, bought - returned),
                (double)t.Items / t.Orders,
                bought / t.Orders,
                bought > 0 ? Math.Clamp(returned / bought, 0, 1) : 0,
                asOf.DayNumber - t.First!.Value.DayNumber,
                p.Country,
                real ? AgeBand(p.BirthYear, asOf.Year) : null,
                real ? Blank(p.Gender) : null,
                real ? Blank(p.Region) : null,
                sharesByCustomer.GetValueOrDefault(t.CustomerId) ?? new Dictionary<string, double>());
        }).ToList();
        return new Loaded(asOf, customers, categories, spendKnown);
    }

    /// <summary>
    /// A customer's lines in one category: how many purchases (not returns, quantities above zero), their priced spend and
    /// units; how many of them had no price and their amount at the product's usual price; and every line without a
    /// price at that price, purchases and returns (the returns as a positive amount).
    /// </summary>
    private sealed record CategorySums(int CustomerId, string? Category, int Purchases, double PricedSpend, int UnitsBought,
        int UnpricedPurchases, double UnpricedSpend, double UnpricedBought, double UnpricedReturned);

    public static string? AgeBand(int? birthYear, int year)
    {
        if (birthYear is not { } born || born < 1900 || born > year)
        {
            return null;
        }
        var age = year - born;
        return age switch
        {
            < 25 => "under 25",
            < 35 => "25–34",
            < 45 => "35–44",
            < 55 => "45–54",
            < 65 => "55–64",
            _ => "65+",
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
