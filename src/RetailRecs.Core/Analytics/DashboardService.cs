using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics;

/// <summary>
/// The manager dashboard's figures. Everything is aggregated in the database (GROUP BY on orders and lines); only
/// already-aggregated rows (days, months, customers' first months) are combined in memory.
/// </summary>
public sealed class DashboardService(IDbContextFactory<RetailDbContext> contexts, Clock.ShopClock clock, TimeProvider time)
{
    /// <summary>Sales without a customer (and erased customers' sales, which are kept unlinked).</summary>
    public const string Guest = "Unknown (guest)";

    /// <summary>A member's sales whose record has no country: a member all the same, not a guest.</summary>
    public const string CountryNotGiven = "Country not given";

    /// <summary>The default filter: the 12 months up to the shop's today (the real date, or historical data's last day).</summary>
    public async Task<DashboardFilter> DefaultFilterAsync(CancellationToken ct = default)
    {
        var to = (await clock.TodayAsync(ct)).Today;
        return new DashboardFilter(to.AddMonths(-12).AddDays(1), to);
    }

    public async Task<DashboardData> GetAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A bookmarked view may name a segment of an earlier segmentation (every training segments again) or a store
        // since removed: filtered by it, the figures were an old run's members under no visible name.
        string? filterNotice = null;
        if (filter.SegmentId is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId && s.Run!.IsCurrent, ct))
        {
            filter = filter with { SegmentId = null };
            filterNotice = "The segment in this address belongs to an earlier segmentation (customers are segmented again after each training): " +
                "all customers are shown. Choose one of the current segments.";
        }
        if (filter.StoreId is { } storeId && !await db.Stores.AnyAsync(s => s.Id == storeId, ct))
        {
            filter = filter with { StoreId = null };
            filterNotice = (filterNotice is null ? "" : filterNotice + " ") + "The store in this address is not in the data: every store is shown.";
        }
        var previousFilter = filter.Previous();
        // Which days the rollups answer (months refreshed since their last sale, views not filtered by customers) and
        // which the orders and lines must: every figure below is the orders' answer either way.
        var coverage = await RollupCoverage.ReadAsync(db, filter, ct);
        IQueryable<Order> ViewOrders(DashboardFilter f, bool cancellations) => Orders(db, f, cancellations);
        // The period's top products and categories, from the rollups (or the lines of the months they do not cover).
        var products = await ProductSales.SummaryAsync(db, filter, coverage, f => SaleLines(db, f), ct);
        // Without a single priced sale in the period money is unknown, not zero: every amount below becomes units.
        var revenueKnown = products.RevenueKnown;

        // Both periods by day: the trend, revenue, items, orders and returns all come from these few hundred rows.
        var both = filter with { From = previousFilter.From };
        var days = await OrderSales.DaysAsync(db, both, coverage, ViewOrders, ct);
        var current = await KpisAsync(db, filter, coverage, days.Where(d => d.Day >= filter.From).ToList(), ct);
        var previous = await KpisAsync(db, previousFilter, coverage, days.Where(d => d.Day < filter.From).ToList(), ct);
        // Every bucket from start to end, zero where nothing was sold, so quiet days do not vanish from the axis.
        var revenueByBucket = days.Where(d => d.Day >= filter.From && !d.IsCancellation)
            .GroupBy(d => Bucket(d.Day, filter.Granularity))
            .ToDictionary(g => g.Key, g => revenueKnown ? g.Sum(d => d.Revenue) : g.Sum(d => d.Items));
        var trend = revenueByBucket.Count == 0 ? [] : Buckets(filter)
            .Select(b => new LabelledValue(Label(b, filter), revenueByBucket.GetValueOrDefault(b)))
            .ToList();

        // A member without a country is not a guest: only sales without a customer are "Unknown (guest)".
        var countryRows = await CustomerSales.ByCountryAsync(db, filter, coverage, ViewOrders, ct);
        var byCountry = countryRows
            .GroupBy(r => r.Country ?? (r.Member ? CountryNotGiven : Guest))
            .Select(g => new LabelledValue(g.Key, revenueKnown ? g.Sum(r => r.Revenue) : g.Sum(r => r.Items)))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Label).Take(12).ToList();
        var stores = await db.Stores.OrderBy(s => s.Name).Select(s => new StoreOption(s.Id, s.Name)).ToListAsync(ct);
        var storeNames = stores.ToDictionary(s => s.Id, s => s.Name);
        var byStore = stores.Count < 2 ? [] : (await OrderSales.ByStoreAsync(db, filter, coverage, ViewOrders, ct))
            .Where(s => storeNames.ContainsKey(s.StoreId))
            .GroupBy(s => storeNames[s.StoreId])
            .Select(g => new { Store = g.Key, Revenue = g.Sum(s => s.Revenue), Items = g.Sum(s => s.Items) })
            .ToList();
        var segments = await db.Segments.Where(s => s.Run!.IsCurrent).OrderBy(s => s.Number).Select(s => new SegmentOption(s.Id, s.Name)).ToListAsync(ct);

        var (newVersusReturning, cohorts) = await CustomerMonthsAsync(db, filter, coverage, ct);

        var basketCounts = await OrderSales.BasketsAsync(db, filter, coverage, ViewOrders, ct);
        var baskets = basketCounts.All(c => c == 0) ? []
            : BasketSizes.Buckets.Select((b, i) => new LabelledValue(b.Label, basketCounts[i])).ToList();

        var hours = await OrderSales.HoursAsync(db, filter, coverage, ViewOrders, ct);
        // An export with dates only puts every order at midnight: an hour chart would say they all came at 00h.
        var hasTimeOfDay = hours.Count == 0 || hours.Any(h => h.Hour != 0);
        var weekdayHours = hours
            .GroupBy(h => (Weekday: ((int)h.Day.DayOfWeek + 6) % 7, h.Hour))
            .Select(g => new WeekdayHourCell(g.Key.Weekday, g.Key.Hour, g.Sum(h => h.Orders)))
            .OrderBy(c => c.Weekday).ThenBy(c => c.Hour)
            .ToList();

        var returns = days.Where(d => d.IsCancellation && d.Day >= filter.From)
            .GroupBy(d => (d.Day.Year, d.Day.Month))
            .Select(g => new { g.Key.Year, g.Key.Month, Revenue = -g.Sum(d => d.Revenue), Items = -g.Sum(d => d.Items) })
            .ToList();

        // Suggestions are logged as staff use them, on the real calendar. On historical data (an export that ended
        // years ago) a view of "the last N days" of sales holds none, so they are counted over the last N days up to
        // the real date; a view of a chosen past period keeps that period (suggestions imported with its sales).
        var shopDay = await clock.TodayAsync(db, ct);
        var suggestionPeriod = shopDay.Historical && filter.To == shopDay.Today
            ? OwnPeriod(filter, DateOnly.FromDateTime(time.GetLocalNow().DateTime))
            : filter;
        var suggestions = await SuggestionPerformanceAsync(db, suggestionPeriod, time.LocalTimeZone, ct);

        var countries = await CustomerCountries.ListAsync(db, ct);
        var (first, last) = await OrderSales.SpanAsync(db, coverage, ct);
        // A previous period that starts before the data does would compare a full period with a few days of it; so would
        // one that starts before the chosen store's first sale (a store opened, or its history imported, later).
        var firstInView = filter.StoreId is { } viewStore ? await OrderSales.FirstDayAsync(db, coverage, viewStore, ct) : first;
        var comparable = previous.Orders > 0 && firstInView is { } firstSale && firstSale <= previousFilter.From;
        double? Before(double value) => comparable ? value : null;
        // Money is compared only when every day of both periods carries prices: a history imported without them, then
        // tills sending prices, showed a year's revenue "up 374%" against a year of mostly unpriced days (review).
        var unpricedDays = days.Where(d => !d.IsCancellation && d.Orders > 0 && d.Revenue == 0).Select(d => d.Day).ToList();
        double? MoneyBefore(double value) => unpricedDays.Count == 0 ? Before(value) : null;
        var moneyNotCompared = unpricedDays.Count > 0 && comparable ? "not compared: some days of the two periods were sold without prices" : null;

        IReadOnlyList<KpiChange> kpis = revenueKnown
            ?
            [
                new("Revenue", (double)current.Revenue, MoneyBefore((double)previous.Revenue), "C0") { NotCompared = moneyNotCompared },
                new("Orders", current.Orders, Before(previous.Orders), "N0"),
                new("Customers", current.Customers, Before(previous.Customers), "N0"),
                new("Average order value", (double)current.AverageOrderValue, MoneyBefore((double)previous.AverageOrderValue), "C2") { NotCompared = moneyNotCompared },
                new("Items per basket", current.ItemsPerBasket, Before(previous.ItemsPerBasket), "N1"),
                new("Return rate (value)", current.ReturnRate, MoneyBefore(previous.ReturnRate), "P1", LowerIsBetter: true) { NotCompared = moneyNotCompared },
            ]
            :
            [
                new("Units sold", current.Units, Before(previous.Units), "N0"),
                new("Orders", current.Orders, Before(previous.Orders), "N0"),
                new("Customers", current.Customers, Before(previous.Customers), "N0"),
                new("Items per basket", current.ItemsPerBasket, Before(previous.ItemsPerBasket), "N1"),
                new("Return rate (units)", current.UnitReturnRate, Before(previous.UnitReturnRate), "P1", LowerIsBetter: true),
            ];
        return new DashboardData(
            filter,
            kpis,
            trend,
            products.Top,
            byCountry,
            newVersusReturning,
            cohorts,
            baskets,
            weekdayHours,
            returns.OrderBy(r => r.Year).ThenBy(r => r.Month).Select(r => new LabelledValue(MonthLabel(r.Year, r.Month), revenueKnown ? r.Revenue : r.Items)).ToList(),
            suggestions,
            countries,
            first,
            last)
        {
            TopCategories = products.Categories,
            RevenueByStore = byStore.Select(s => new LabelledValue(s.Store, revenueKnown ? s.Revenue : s.Items)).OrderByDescending(s => s.Value).Take(12).ToList(),
            Stores = stores,
            Segments = segments,
            RevenueKnown = revenueKnown,
            DaysWithoutPrices = revenueKnown ? unpricedDays.Count(day => day >= filter.From) : 0,
            HasTimeOfDay = hasTimeOfDay,
            SuggestionsFrom = suggestionPeriod.From,
            SuggestionsTo = suggestionPeriod.To,
            FilterNotice = filterNotice,
        };
    }

    /// <summary>The suggestions' own period: as many days as a view that ends on historical data's last day, ending on the real date.</summary>
    public static DashboardFilter OwnPeriod(DashboardFilter view, DateOnly realToday) =>
        view with { From = realToday.AddDays(1 - view.Days), To = realToday };

    /// <summary>
    /// Suggestion events per model run, and purchases attributed to shown suggestions: the same customer buying the
    /// same product within <see cref="DashboardFilter.AttributionDays"/> days after it was shown.
    /// </summary>
    private static async Task<IReadOnlyList<SuggestionPerformance>> SuggestionPerformanceAsync(RetailDbContext db, DashboardFilter f, TimeZoneInfo shopZone,
        CancellationToken ct)
    {
        var counts = await Events(db, f, shopZone).Where(e => e.Type != InteractionType.Purchased)
            .GroupBy(e => new { e.ModelRunId, e.Type }).Select(g => new { g.Key.ModelRunId, g.Key.Type, Count = g.Count() })
            .ToListAsync(ct);
        if (counts.Count == 0)
        {
            return [];
        }
        // Each purchase is credited once, to the last suggestion of that product shown to that customer before it
        // (within the attribution window), so repeated shows or several models never claim the same sale twice.
        // On the sales' clock (ShownThenBought): shown in UTC, sold in the shop's time, perhaps with no time of day at all.
        var shows = (await ShownEvents(db, f, shopZone)
            .Select(e => new { CustomerId = e.CustomerId!.Value, e.ProductId, e.ModelRunId, e.OccurredAt })
            .ToListAsync(ct)).Select(e => e with { OccurredAt = ShownThenBought.OnSaleClock(e.OccurredAt, shopZone) }).ToList();
        var customerIds = shows.Select(x => x.CustomerId).Distinct().ToList();
        var productIds = shows.Select(x => x.ProductId).Distinct().ToList();
        var window = TimeSpan.FromDays(f.AttributionDays);
        var (salesFrom, salesTo) = shows.Count == 0 ? (DateTime.MaxValue, DateTime.MinValue)
            : ShownThenBought.SalesRange(shows.Min(x => x.OccurredAt), shows.Max(x => x.OccurredAt), window);
        var no = false;
        var purchases = await db.OrderLines
            .Where(l => l.Order!.IsCancellation == no && customerIds.Contains(l.Order.CustomerId!.Value) && productIds.Contains(l.ProductId)
                        && l.Order.PlacedAt >= salesFrom && l.Order.PlacedAt <= salesTo)
            // A line without a price is valued at the product's catalog price, as the experiments value it (at 0 the
            // model serving a channel whose till leaves prices out looked as if its suggestions earned nothing).
            .Select(l => new { CustomerId = l.Order!.CustomerId!.Value, l.ProductId, l.Order.PlacedAt, Revenue = (double?)(l.UnitPrice ?? l.Product!.UnitPrice) * l.Quantity })
            .ToListAsync(ct);
        var showsByPair = shows.GroupBy(x => (x.CustomerId, x.ProductId)).ToDictionary(g => g.Key, g => g.OrderBy(x => x.OccurredAt).ToList());
        var credited = purchases
            .Select(p => (Purchase: p, Show: showsByPair.GetValueOrDefault((p.CustomerId, p.ProductId))?
                .LastOrDefault(x => ShownThenBought.Within(p.PlacedAt, x.OccurredAt, window))))
            .Where(c => c.Show is not null)
            .ToList();
        var bought = credited.GroupBy(c => c.Show!).Select(g => new { g.Key.ModelRunId, Revenue = g.Sum(c => c.Purchase.Revenue ?? 0) }).ToList();
        var runIds = counts.Select(c => c.ModelRunId).OfType<int>().Distinct().ToList();
        var algorithms = await db.ModelRuns.Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Algorithm, ct);
        string Label(int? run) => run is not { } id ? "No model recorded"
            : algorithms.TryGetValue(id, out var algorithm) ? $"Model run #{id} ({Recommendations.Engine.AlgorithmNames.Plain(algorithm)})" : $"Model run #{id}";
        return counts.GroupBy(c => c.ModelRunId).OrderBy(g => g.Key).Select(g =>
        {
            int Count(InteractionType type) => g.Where(c => c.Type == type).Sum(c => c.Count);
            var sales = bought.Where(b => b.ModelRunId == g.Key).ToList();
            return new SuggestionPerformance(Label(g.Key),
                Count(InteractionType.Shown), Count(InteractionType.Accepted), Count(InteractionType.Dismissed), Count(InteractionType.AddedToBasket),
                sales.Count, Math.Round((decimal)sales.Sum(s => s.Revenue), 2));
        }).ToList();
    }

    /// <summary>
    /// The events of the filter's shop days. Events are stored in UTC and the days are the shop's: before 2026-12-06
    /// the days were compared as if in UTC, and a view in Sydney missed the suggestions of its first eleven hours.
    /// </summary>
    private static IQueryable<InteractionEvent> Events(RetailDbContext db, DashboardFilter f, TimeZoneInfo shopZone)
    {
        var (start, end) = (ShownThenBought.DayStartUtc(f.From, shopZone), ShownThenBought.DayStartUtc(f.To.AddDays(1), shopZone));
        var q = db.InteractionEvents.Where(e => e.OccurredAt >= start && e.OccurredAt < end);
        if (f.Country is not null)
        {
            q = q.Where(e => db.Customers.Any(c => c.Id == e.CustomerId && c.Country == f.Country));
        }
        if (f.SegmentId is { } segment)
        {
            q = q.Where(e => db.CustomerSegments.Any(c => c.SegmentId == segment && c.CustomerId == e.CustomerId));
        }
        return q;
    }

    private static IQueryable<InteractionEvent> ShownEvents(RetailDbContext db, DashboardFilter f, TimeZoneInfo shopZone) =>
        Events(db, f, shopZone).Where(e => e.Type == InteractionType.Shown && e.CustomerId != null);

    /// <summary>Every trend bucket (day, Monday-started week or month) from the filter's start to its end.</summary>
    private static IEnumerable<DateOnly> Buckets(DashboardFilter f)
    {
        for (var b = Bucket(f.From, f.Granularity); b <= f.To; b = f.Granularity switch
             {
                 TrendGranularity.Day => b.AddDays(1),
                 TrendGranularity.Week => b.AddDays(7),
                 _ => b.AddMonths(1),
             })
        {
            yield return b;
        }
    }

    // Country, store and segment conditions are added only when chosen, so the unfiltered view needs no join.
    private static IQueryable<Order> Sales(RetailDbContext db, DashboardFilter f) => Orders(db, f, cancellations: false);

    private static IQueryable<Order> Cancellations(RetailDbContext db, DashboardFilter f) => Orders(db, f, cancellations: true);

    private static IQueryable<Order> Orders(RetailDbContext db, DashboardFilter f, bool cancellations)
    {
        var q = db.Orders.Where(o => o.IsCancellation == cancellations && o.PlacedOn >= f.From && o.PlacedOn <= f.To);
        if (f.Country is not null)
        {
            q = q.Where(o => o.Customer!.Country == f.Country);
        }
        if (f.StoreId is { } store)
        {
            q = q.Where(o => o.StoreId == store);
        }
        if (f.SegmentId is { } segment)
        {
            q = q.Where(o => db.CustomerSegments.Any(c => c.SegmentId == segment && c.CustomerId == o.CustomerId));
        }
        return q;
    }

    private static IQueryable<OrderLine> SaleLines(RetailDbContext db, DashboardFilter f)
    {
        // "IsCancellation = @no", not "NOT IsCancellation": SQLite only uses the (IsCancellation, PlacedOn) index for an
        // equality, and without it scans every line (1.2 s instead of 0.3 s on the full Online Retail data).
        var no = false;
        var q = db.OrderLines.Where(l => l.Order!.IsCancellation == no && l.Order.PlacedOn >= f.From && l.Order.PlacedOn <= f.To);
        if (f.Country is not null)
        {
            q = q.Where(l => l.Order!.Customer!.Country == f.Country);
        }
        if (f.StoreId is { } store)
        {
            q = q.Where(l => l.Order!.StoreId == store);
        }
        if (f.SegmentId is { } segment)
        {
            q = q.Where(l => db.CustomerSegments.Any(c => c.SegmentId == segment && c.CustomerId == l.Order!.CustomerId));
        }
        return q;
    }

    /// <param name="days">The period's sales and cancellations per day, already aggregated.</param>
    private static async Task<Kpis> KpisAsync(RetailDbContext db, DashboardFilter f, RollupCoverage coverage, IReadOnlyList<DayTotals> days, CancellationToken ct)
    {
        var sales = days.Where(d => !d.IsCancellation).ToList();
        var revenue = sales.Sum(d => d.Revenue);
        // A chain's several years can sell more than an int's 2.1 billion units (it wrapped to a negative count).
        var items = sales.Sum(d => d.Items);
        var orders = sales.Sum(d => d.Orders);
        // Orders of days with priced sales: a day of sales without prices (a history imported without them) has
        // revenue 0, and dividing by its orders too made the average order value fall with every such day.
        var pricedOrders = sales.Where(d => d.Revenue != 0).Sum(d => d.Orders);
        var customers = await CustomerSales.CountAsync(db, f, coverage, (view, cancellations) => Orders(db, view, cancellations), ct);
        var returned = -days.Where(d => d.IsCancellation).Sum(d => d.Revenue);
        var returnedUnits = -days.Where(d => d.IsCancellation).Sum(d => d.Items);
        return new Kpis(revenue, orders, customers,
            pricedOrders == 0 ? 0 : revenue / pricedOrders,
            orders == 0 ? 0 : (double)items / orders,
            revenue == 0 ? 0 : (double)(returned / revenue),
            items,
            items == 0 ? 0 : (double)returnedUnits / items);
    }

    /// <summary>
    /// New versus returning customers per month, and monthly cohort retention, over the whole calendar months the view
    /// touches: from the customer-month rollup, or (a month dirty, a view by customers) from the orders.
    /// </summary>
    private static async Task<(IReadOnlyList<NewVersusReturning>, IReadOnlyList<CohortRow>)> CustomerMonthsAsync(
        RetailDbContext db, DashboardFilter f, RollupCoverage coverage, CancellationToken ct)
    {
        var (cells, sizes) = await CustomerSales.CohortsAsync(db, f, coverage, ct) ?? await CohortsFromOrdersAsync(db, f, ct);
        var months = cells.Select(c => c.Month).Distinct().Order().ToList();
        var newVersusReturning = months.Select(m =>
        {
            var buyers = cells.Where(c => c.Month == m).Sum(c => c.Customers);
            var isNew = cells.Where(c => c.Month == m && c.FirstMonth == m).Sum(c => c.Customers);
            return new NewVersusReturning(MonthLabel(m.Year, m.Month), isNew, buyers - isNew);
        }).ToList();
        var byCell = cells.ToDictionary(c => (c.FirstMonth, c.Month), c => c.Customers);
        var cohorts = sizes
            .Where(s => months.Count > 0 && s.Key >= months[0])
            .OrderBy(s => s.Key)
            .Select(s =>
            {
                var span = MonthIndex(months[^1].Year, months[^1].Month) - MonthIndex(s.Key.Year, s.Key.Month) + 1;
                var retention = Enumerable.Range(0, Math.Min(span, 13))
                    .Select(n => (double)byCell.GetValueOrDefault((s.Key, s.Key.AddMonths(n))) / s.Value)
                    .ToList();
                return new CohortRow(MonthLabel(s.Key.Year, s.Key.Month), s.Value, retention);
            })
            .ToList();
        return (newVersusReturning, cohorts);
    }

    /// <summary>The cohort cells read from the orders: each customer's first month, and their months in the view.</summary>
    private static async Task<(IReadOnlyList<CohortCell> Cells, IReadOnlyDictionary<DateOnly, int> Sizes)> CohortsFromOrdersAsync(
        RetailDbContext db, DashboardFilter f, CancellationToken ct)
    {
        // Cohorts and months are whole calendar months, even when the filter starts or ends mid-month.
        var months0 = f with { From = new DateOnly(f.From.Year, f.From.Month, 1), To = new DateOnly(f.To.Year, f.To.Month, 1).AddMonths(1).AddDays(-1) };
        var active = await Sales(db, months0).Where(o => o.CustomerId != null)
            .Select(o => new { Customer = o.CustomerId!.Value, o.PlacedAt.Year, o.PlacedAt.Month })
            .Distinct()
            .ToListAsync(ct);
        var firstPurchase = await db.Orders.Where(o => !o.IsCancellation && o.CustomerId != null)
            .GroupBy(o => o.CustomerId!.Value)
            .Select(g => new { Customer = g.Key, First = g.Min(o => o.PlacedAt) })
            .ToDictionaryAsync(x => x.Customer, x => new DateOnly(x.First.Year, x.First.Month, 1), ct);
        // Two reads, not one snapshot: a till's sale can commit between them (a new customer's first), or an erasure
        // unlink one. Read in this order a new customer is in both; whoever is not is left out until the next load,
        // where the lookup crashed the dashboard.
        active.RemoveAll(a => !firstPurchase.ContainsKey(a.Customer));
        var cells = active.GroupBy(a => (First: firstPurchase[a.Customer], Month: new DateOnly(a.Year, a.Month, 1)))
            .Select(g => new CohortCell(g.Key.First, g.Key.Month, g.Count()))
            .ToList();
        var sizes = active.Select(a => a.Customer).Distinct().GroupBy(c => firstPurchase[c]).ToDictionary(g => g.Key, g => g.Count());
        return (cells, sizes);
    }

    private static int MonthIndex(int year, int month) => year * 12 + month - 1;
    private static string MonthLabel(int year, int month) => new DateTime(year, month, 1).ToString("MMM yyyy", CultureInfo.CurrentCulture);

    private static DateOnly Bucket(DateOnly date, TrendGranularity granularity) => granularity switch
    {
        TrendGranularity.Day => date,
        TrendGranularity.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), // weeks start on Monday
        _ => new DateOnly(date.Year, date.Month, 1),
    };

    /// <summary>
    /// A bucket's label; a week or month the view cuts says which of its days it holds. The default view (12 months to
    /// today) ends on a few days of this month, whose bar without it read as sales falling off a cliff.
    /// </summary>
    private static string Label(DateOnly bucket, DashboardFilter f)
    {
        var (name, last) = f.Granularity switch
        {
            TrendGranularity.Day => (bucket.ToString("d MMM yyyy", CultureInfo.CurrentCulture), bucket),
            TrendGranularity.Week => ("w/c " + bucket.ToString("d MMM yyyy", CultureInfo.CurrentCulture), bucket.AddDays(6)),
            _ => (bucket.ToString("MMM yyyy", CultureInfo.CurrentCulture), bucket.AddMonths(1).AddDays(-1)),
        };
        var (cutStart, cutEnd) = (f.From > bucket, f.To < last);
        string Day(DateOnly d) => d.ToString("d MMM", CultureInfo.CurrentCulture);
        return (cutStart, cutEnd) switch
        {
            (true, true) => $"{name} ({Day(f.From)}–{Day(f.To)} only)",
            (true, false) => $"{name} (from {Day(f.From)})",
            (false, true) => $"{name} (to {Day(f.To)})",
            _ => name,
        };
    }
}
