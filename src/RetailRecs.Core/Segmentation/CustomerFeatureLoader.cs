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
        // member's order has no priced line (read from the orders, not the lines: a shop with every price, the usual
        // case, pays one scan of its orders); a line without a price beside priced ones in one order still counts nothing.
        var mixed = spendKnown && await db.Orders.AnyAsync(o => o.CustomerId != null && o.Revenue == 0 && o.Items != 0, ct);
        var unpricedLines = db.OrderLines.Where(l => l.UnitPrice == null && l.Order!.CustomerId != null)
            .Select(l => new
            {
                CustomerId = l.Order!.CustomerId!.Value,
                l.Order.IsCancellation,
                l.Quantity,
                Category = l.Product!.Category ?? l.Product.AutoCategory,
                Amount = ((double?)l.Product.UnitPrice ?? 0.0) * l.Quantity,
            });
        var unpriced = mixed
            ? (await unpricedLines.GroupBy(x => x.CustomerId)
                .Select(g => new { CustomerId = g.Key, Bought = g.Sum(x => x.IsCancellation ? 0.0 : x.Amount), Returned = g.Sum(x => x.IsCancellation ? -x.Amount : 0.0) })
                .ToListAsync(ct)).ToDictionary(u => u.CustomerId, u => (u.Bought, u.Returned))
            : [];
        // Without prices a category's share is its share of the units bought: still what the customer's baskets hold.
        var linesBought = db.OrderLines
            .Where(l => l.Order!.CustomerId != null && !l.Order.IsCancellation && l.Quantity > 0 && !l.Order.Customer!.PersonalizationOptOut)
            .GroupBy(l => new { CustomerId = l.Order!.CustomerId!.Value, Category = l.Product!.Category ?? l.Product.AutoCategory });
        var spend = spendKnown
            ? await linesBought.Select(g => new { g.Key.CustomerId, g.Key.Category, Spend = g.Sum(l => (double?)l.UnitPrice * l.Quantity) ?? 0 }).ToListAsync(ct)
            : await linesBought.Select(g => new { g.Key.CustomerId, g.Key.Category, Spend = (double)g.Sum(l => l.Quantity) }).ToListAsync(ct);
        if (mixed)
        {
            spend.AddRange(await unpricedLines.Where(x => !x.IsCancellation && x.Quantity > 0).GroupBy(x => new { x.CustomerId, x.Category })
                .Select(g => new { g.Key.CustomerId, g.Key.Category, Spend = g.Sum(x => x.Amount) }).ToListAsync(ct));
        }
        var categories = spend.Where(s => s.Category is not null).GroupBy(s => s.Category!)
            .OrderByDescending(g => g.Sum(s => s.Spend)).Take(TopCategories).Select(g => g.Key).ToList();
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

        var ids = totals.Select(t => t.CustomerId).ToHashSet();
        var people = await db.Customers.AsNoTracking()
            .Select(c => new { c.Id, c.Country, c.Region, c.Gender, c.BirthYear, c.HasFictionalProfile })
            .ToListAsync(ct);
        var personById = people.Where(p => ids.Contains(p.Id)).ToDictionary(p => p.Id);

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
