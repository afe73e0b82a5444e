using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Analytics;

/// <summary>Every figure of the dashboard on a data set small enough to work out on paper.</summary>
public class DashboardServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private DashboardService Dashboard => _database.Get<DashboardService>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var mug = Product("MUG", "Mug");
        var lamp = Product("LAMP", "Lamp");
        var post = Product("POST", "Postage");
        post.IsNonMerchandise = true;
        var ann = new Customer { CustomerCode = "1", Country = "France" };
        var bob = new Customer { CustomerCode = "2", Country = "Germany" };
        var cy = new Customer { CustomerCode = "3", Country = "France" };
        await using var db = _database.CreateContext();
        db.AddRange(
            // December 2010: the previous period for a January filter.
            Order("0998", cy, new DateTime(2010, 12, 1, 12, 0, 0), (lamp, 1, 10m)),                    //  10.00, first day of the data
            Order("0999", ann, new DateTime(2010, 12, 20, 9, 0, 0), (mug, 2, 5m)),                     //  10.00, Mon 9h
            // January 2011
            Order("1001", ann, new DateTime(2011, 1, 3, 10, 0, 0), (mug, 4, 2.50m), (lamp, 1, 10m)),   //  20.00, Mon 10h, 2 lines
            Order("1002", bob, new DateTime(2011, 1, 4, 14, 0, 0), (lamp, 2, 9.75m), (post, 1, 15m)),  //  34.50, Tue 14h, 2 lines
            Order("1003", null, new DateTime(2011, 1, 4, 14, 30, 0), (mug, 6, 2.50m)),                 //  15.00, Tue 14h, guest
            Order("C1004", ann, new DateTime(2011, 1, 5, 11, 0, 0), (mug, -2, 2.50m)));                //  -5.00 returned
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static DashboardFilter January(string? country = null) => new(new DateOnly(2011, 1, 1), new DateOnly(2011, 1, 31), country);

    [Fact]
    public async Task GetAsync_January_KpisAndTheirChangeAgainstTheDaysBefore()
    {
        var data = await Dashboard.GetAsync(January());

        var kpi = data.Kpis.ToDictionary(k => k.Name);
        Assert.Equal(69.50, kpi["Revenue"].Value, 2);
        Assert.Equal(20.00, kpi["Revenue"].Previous!.Value, 2);
        Assert.Equal(2.475, kpi["Revenue"].Change!.Value, 3);
        Assert.Equal(3, kpi["Orders"].Value);
        Assert.Equal(2, kpi["Customers"].Value);
        Assert.Equal(69.50 / 3, kpi["Average order value"].Value, 2);
        Assert.Equal(14.0 / 3, kpi["Items per basket"].Value, 2);
        Assert.Equal(5.0 / 69.5, kpi["Return rate (value)"].Value, 4);
        Assert.True(kpi["Return rate (value)"].LowerIsBetter);
    }

    [Fact]
    public async Task GetAsync_PreviousPeriodStartingBeforeTheData_IsNotCompared()
    {
        // 15–31 Dec: the 17 days before start on 28 Nov, before the first sale (1 Dec).
        var data = await Dashboard.GetAsync(new DashboardFilter(new DateOnly(2010, 12, 15), new DateOnly(2010, 12, 31)));

        Assert.All(data.Kpis, k => Assert.Null(k.Previous));
    }

    [Fact]
    public async Task GetAsync_ByDay_TrendHasOnePointPerDayWithSales()
    {
        var data = await Dashboard.GetAsync(January() with { Granularity = TrendGranularity.Day });

        Assert.Equal(31, data.RevenueTrend.Count); // quiet days stay on the axis, at zero
        Assert.Equal(20.00m, data.RevenueTrend[2].Value);
        Assert.Equal(49.50m, data.RevenueTrend[3].Value);
        Assert.Equal(69.50m, data.RevenueTrend.Sum(p => p.Value));
    }

    [Fact]
    public async Task GetAsync_ByWeek_SalesOfOneWeekFallTogether()
    {
        var data = await Dashboard.GetAsync(January() with { Granularity = TrendGranularity.Week });

        // The first and last weeks hold only January's days of them (1–2 Jan, 31 Jan), and say so.
        Assert.Equal(["w/c 27 Dec 2010 (from 1 Jan)", "w/c 3 Jan 2011", "w/c 10 Jan 2011", "w/c 17 Jan 2011", "w/c 24 Jan 2011", "w/c 31 Jan 2011 (to 31 Jan)"],
            data.RevenueTrend.Select(w => w.Label));
        Assert.Equal(69.50m, data.RevenueTrend[1].Value);
        Assert.Equal(69.50m, data.RevenueTrend.Sum(w => w.Value));
    }

    [Fact]
    public async Task GetAsync_ByMonthFromMidMonth_TheCutMonthsSayWhichDaysTheyHold()
    {
        var data = await Dashboard.GetAsync(new DashboardFilter(new DateOnly(2010, 12, 10), new DateOnly(2011, 1, 4)));
        var inside = await Dashboard.GetAsync(new DashboardFilter(new DateOnly(2011, 1, 3), new DateOnly(2011, 1, 4)));

        Assert.Equal([("Dec 2010 (from 10 Dec)", 10.00m), ("Jan 2011 (to 4 Jan)", 69.50m)], data.RevenueTrend.Select(b => (b.Label, b.Value)));
        Assert.Equal(["Jan 2011 (3 Jan–4 Jan only)"], inside.RevenueTrend.Select(b => b.Label));
        Assert.Equal("Dec 2010", (await Dashboard.GetAsync(new DashboardFilter(new DateOnly(2010, 12, 1), new DateOnly(2010, 12, 31)))).RevenueTrend.Single().Label);
    }

    [Fact]
    public async Task GetAsync_TopProducts_LeaveOutPostageAndFees()
    {
        var data = await Dashboard.GetAsync(January());

        Assert.Equal([("Lamp", 29.50m), ("Mug", 25.00m)], data.TopProducts.Select(p => (p.Label, p.Value)));
    }

    [Fact]
    public async Task GetAsync_CountryFilter_KeepsThatCountrysCustomersOnly()
    {
        var data = await Dashboard.GetAsync(January("France"));

        Assert.Equal(20.00, data.Kpis.Single(k => k.Name == "Revenue").Value, 2);
        Assert.Equal("France", Assert.Single(data.RevenueByCountry).Label);
    }

    [Fact]
    public async Task GetAsync_Countries_EachCustomersCountryOnceInOrder()
    {
        await using (var db = _database.CreateContext())
        {
            // A country of a customer who never bought, one without a country, and a fourth French customer.
            db.Customers.AddRange(new Customer { CustomerCode = "4", Country = "Austria" }, new Customer { CustomerCode = "5" },
                new Customer { CustomerCode = "6", Country = "France" });
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        Assert.Equal(["Austria", "France", "Germany"], data.Countries);
    }

    [Fact]
    public async Task GetAsync_RevenueByCountry_GuestsAreUnknown()
    {
        var data = await Dashboard.GetAsync(January());

        Assert.Equal(34.50m, data.RevenueByCountry.Single(c => c.Label == "Germany").Value);
        Assert.Equal(15.00m, data.RevenueByCountry.Single(c => c.Label == "Unknown (guest)").Value);
    }

    [Fact]
    public async Task GetAsync_NewVersusReturning_AnnBoughtBeforeJanuaryBobDidNot()
    {
        var data = await Dashboard.GetAsync(January());

        var month = Assert.Single(data.NewVersusReturning);
        Assert.Equal((1, 1), (month.New, month.Returning));
    }

    [Fact]
    public async Task GetAsync_Cohorts_FromDecemberOn()
    {
        var data = await Dashboard.GetAsync(new DashboardFilter(new DateOnly(2010, 12, 1), new DateOnly(2011, 1, 31)));

        Assert.Equal(["Dec 2010", "Jan 2011"], data.Cohorts.Select(c => c.Cohort));
        Assert.Equal([1.0, 0.5], data.Cohorts[0].Retention); // Ann and Cy started in December; Ann came back in January
        Assert.Equal([1.0], data.Cohorts[1].Retention);
    }

    /// <summary>
    /// The cohorts of a filtered view are read from the orders in two queries: a new customer's first sale committed
    /// between them (a till, during a dashboard load) crashed the page with a missing key.
    /// </summary>
    [Fact]
    public async Task GetAsync_NewCustomersFirstSaleCommittedBetweenTheCohortReads_LoadsTheDashboard()
    {
        var pause = new AfterCommand(sql => sql.Contains("GROUP BY", StringComparison.Ordinal) && sql.Contains("MIN(", StringComparison.Ordinal)
            && sql.Contains("CustomerId", StringComparison.Ordinal) && !sql.Contains("COUNT", StringComparison.Ordinal), async () =>
        {
            await using var db = _database.CreateContext();
            db.Add(Order("1005", new Customer { CustomerCode = "4", Country = "France" }, new DateTime(2011, 1, 20, 10, 0, 0), (Product("CUP", "Cup"), 1, 3m)));
            await db.SaveChangesAsync();
        });
        await using var instance = _database.AnotherInstance(s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(pause));

        var data = await instance.GetRequiredService<DashboardService>().GetAsync(January("France"));

        // Read after the sales the cohorts counted, the newcomer is left out until the next load (a KeyNotFoundException before).
        Assert.Empty(data.Cohorts); // Ann's cohort began in December, before the view
        Assert.Equal(20.00, data.Kpis.Single(k => k.Name == "Revenue").Value, 2);
    }

    [Fact]
    public async Task GetAsync_FilterStartingMidMonth_CohortsStillCoverWholeMonths()
    {
        var data = await Dashboard.GetAsync(new DashboardFilter(new DateOnly(2010, 12, 10), new DateOnly(2011, 1, 31)));

        Assert.Equal([1.0, 0.5], data.Cohorts[0].Retention); // Cy's purchase of 1 Dec still counts for December
    }

    [Fact]
    public async Task GetAsync_January_CountsBasketSizesWeekdayHoursAndReturns()
    {
        var data = await Dashboard.GetAsync(January());

        Assert.Equal(1m, data.BasketSizes.Single(b => b.Label == "1").Value);
        Assert.Equal(2m, data.BasketSizes.Single(b => b.Label == "2–5").Value);
        Assert.Contains(new WeekdayHourCell(0, 10, 1), data.WeekdayHours);
        Assert.Contains(new WeekdayHourCell(1, 14, 2), data.WeekdayHours);
        Assert.Equal(5.00m, Assert.Single(data.ReturnsByMonth).Value);
    }

    [Fact]
    public async Task GetAsync_Suggestions_CountedPerModel_WithPurchasesWithinTheWindowAttributed()
    {
        await using (var db = _database.CreateContext())
        {
            var mug = db.Products.Single(p => p.Sku == "MUG").Id;
            var lamp = db.Products.Single(p => p.Sku == "LAMP").Id;
            var ann = db.Customers.Single(c => c.CustomerCode == "1").Id;
            var bob = db.Customers.Single(c => c.CustomerCode == "2").Id;
            db.InteractionEvents.AddRange(
                // Model 7 showed Bob the lamp on 1 Jan; he bought lamps on 4 Jan (19.50): attributed.
                new InteractionEvent { CustomerId = bob, ProductId = lamp, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 7, OccurredAt = new DateTime(2011, 1, 1) },
                new InteractionEvent { CustomerId = bob, ProductId = lamp, Type = InteractionType.Accepted, Source = "lookup", ModelRunId = 7, OccurredAt = new DateTime(2011, 1, 1) },
                // Model 7 showed Ann the mug on 2 Jan; she bought mugs on 3 Jan (10.00): attributed.
                new InteractionEvent { CustomerId = ann, ProductId = mug, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 7, OccurredAt = new DateTime(2011, 1, 2) },
                // Model 8 showed Ann the lamp on 20 Jan; she bought none afterwards: not attributed.
                new InteractionEvent { CustomerId = ann, ProductId = lamp, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 8, OccurredAt = new DateTime(2011, 1, 20) },
                new InteractionEvent { CustomerId = ann, ProductId = lamp, Type = InteractionType.Dismissed, Source = "lookup", ModelRunId = 8, OccurredAt = new DateTime(2011, 1, 20) },
                // Outside the period.
                new InteractionEvent { CustomerId = ann, ProductId = mug, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 7, OccurredAt = new DateTime(2011, 2, 10) });
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        Assert.Equal(
            [new SuggestionPerformance("Model run #7", 2, 1, 0, 0, 2, 29.50m), new SuggestionPerformance("Model run #8", 1, 0, 1, 0, 0, 0m)],
            data.Suggestions);
        // A chosen past period keeps its suggestions (imported with its sales).
        Assert.Equal((January().From, January().To), (data.SuggestionsFrom, data.SuggestionsTo));
    }

    /// <summary>A suggested product bought on a line without a price counted £0 of attributed revenue; the experiments value it at the catalog price.</summary>
    [Fact]
    public async Task GetAsync_SuggestionBoughtOnALineWithoutAPrice_IsValuedAtTheCatalogPrice()
    {
        await using (var db = _database.CreateContext())
        {
            var mug = db.Products.Single(p => p.Sku == "MUG");
            mug.UnitPrice = 4m;
            var cy = db.Customers.Single(c => c.CustomerCode == "3");
            db.Orders.Add(UnpricedOrder("1007", cy, new DateTime(2011, 1, 12, 11, 0, 0), mug, 2));
            db.InteractionEvents.Add(new InteractionEvent { CustomerId = cy.Id, ProductId = mug.Id, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 13,
                OccurredAt = new DateTime(2011, 1, 12, 10, 0, 0) });
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        Assert.Equal((1, 8.00m), data.Suggestions.Where(s => s.Model == "Model run #13").Select(s => (s.Bought, s.AttributedRevenue)).Single());
    }

    /// <summary>
    /// A daily export's sale carries its date at midnight: shown at 10:30 and bought the same day, it was never after the
    /// showing, so the sales suggestions are for were the ones not counted.
    /// </summary>
    [Fact]
    public async Task GetAsync_SaleWithADateOnlyOnTheDayOfTheShowing_IsAttributed_TheDayBeforeIsNot()
    {
        await using (var db = _database.CreateContext())
        {
            var mug = db.Products.Single(p => p.Sku == "MUG");
            var cy = db.Customers.Single(c => c.CustomerCode == "3");
            db.AddRange(Order("1005", cy, new DateTime(2011, 1, 10), (mug, 1, 2.50m)), Order("1006", cy, new DateTime(2011, 1, 25), (mug, 3, 2.50m)));
            db.InteractionEvents.AddRange(
                new InteractionEvent { CustomerId = cy.Id, ProductId = mug.Id, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 11, OccurredAt = new DateTime(2011, 1, 10, 10, 30, 0) },
                new InteractionEvent { CustomerId = cy.Id, ProductId = mug.Id, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 12, OccurredAt = new DateTime(2011, 1, 26, 10, 30, 0) });
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        Assert.Equal((1, 2.50m), data.Suggestions.Where(s => s.Model == "Model run #11").Select(s => (s.Bought, s.AttributedRevenue)).Single());
        Assert.Equal((0, 0m), data.Suggestions.Where(s => s.Model == "Model run #12").Select(s => (s.Bought, s.AttributedRevenue)).Single());
    }

    /// <summary>
    /// Sales carry the shop's wall-clock time, shown suggestions UTC: in New York a sale at 11:00 after a showing at
    /// 10:00 (15:00 UTC) read as bought before it; one at 09:00 that day did come before it.
    /// </summary>
    [Fact]
    public async Task GetAsync_ShopInNewYork_ComparesSalesAndShowingsOnTheShopsClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2011, 2, 1, 12, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using (var db = database.CreateContext())
        {
            var mug = Product("MUG", "Mug");
            var ann = new Customer { CustomerCode = "1", Country = "United States" };
            var lamp = Product("LAMP", "Lamp");
            db.AddRange(Order("2001", ann, new DateTime(2011, 1, 10, 11, 0, 0), (mug, 1, 2.50m)), Order("2002", ann, new DateTime(2011, 1, 10, 9, 0, 0), (lamp, 1, 10m)));
            await db.SaveChangesAsync();
            db.InteractionEvents.AddRange(
                new InteractionEvent { CustomerId = ann.Id, ProductId = mug.Id, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 21, OccurredAt = new DateTime(2011, 1, 10, 15, 0, 0) },
                new InteractionEvent { CustomerId = ann.Id, ProductId = lamp.Id, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 22, OccurredAt = new DateTime(2011, 1, 10, 15, 0, 0) });
            await db.SaveChangesAsync();
        }

        var data = await database.Get<DashboardService>().GetAsync(January());

        Assert.Equal([("Model run #21", 1), ("Model run #22", 0)], data.Suggestions.Select(s => (s.Model, s.Bought)));
    }

    /// <summary>
    /// Two days of January sold without prices (a history imported without them; tills send prices since): revenue is
    /// the priced sales', and the average order value is over the priced days' orders — not divided by the unpriced
    /// orders too, as before 2026-12-06 — and the page is told how many days had no prices.
    /// </summary>
    [Fact]
    public async Task GetAsync_SomeDaysSoldWithoutPrices_AverageOrderValueOverThePricedDaysAndTheDaysCounted()
    {
        await using (var db = _database.CreateContext())
        {
            var mug = db.Products.Single(p => p.Sku == "MUG");
            var bob = db.Customers.Single(c => c.CustomerCode == "2");
            foreach (var (invoice, day) in new[] { ("B1", 20), ("B2", 21), ("B3", 21) })
            {
                db.Orders.Add(UnpricedOrder(invoice, bob, new DateTime(2011, 1, day), mug, 3));
            }
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        var kpi = data.Kpis.ToDictionary(k => k.Name);
        Assert.Equal(69.50, kpi["Revenue"].Value, 2);
        Assert.Equal(6, kpi["Orders"].Value);
        Assert.Equal(69.50 / 3, kpi["Average order value"].Value, 2);
        Assert.Equal(2, data.DaysWithoutPrices);
    }

    /// <summary>
    /// December sold partly without prices (a history imported without them; tills send prices since): January's revenue
    /// read as far above December's. Money is not compared then; orders, customers and units still are.
    /// </summary>
    [Fact]
    public async Task GetAsync_PreviousPeriodPartlyUnpriced_MoneyIsNotCompared_CountsAre()
    {
        await using (var db = _database.CreateContext())
        {
            var mug = db.Products.Single(p => p.Sku == "MUG");
            var bob = db.Customers.Single(c => c.CustomerCode == "2");
            db.Orders.Add(UnpricedOrder("0990", bob, new DateTime(2010, 12, 10), mug, 3));
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        var kpi = data.Kpis.ToDictionary(k => k.Name);
        Assert.Equal([null, null, null], new[] { kpi["Revenue"].Previous, kpi["Average order value"].Previous, kpi["Return rate (value)"].Previous });
        Assert.Equal(3, kpi["Orders"].Previous);
        Assert.Equal("not compared: some days of the two periods were sold without prices", kpi["Revenue"].NotCompared);
        Assert.Equal(0, data.DaysWithoutPrices); // January itself is priced throughout
    }

    /// <summary>A chain's years can sell more than 2.1 billion units: the count wrapped to a negative number (items per basket below zero) before 2026-12-06.</summary>
    [Fact]
    public async Task GetAsync_MoreUnitsThanAnIntHolds_CountsThemAll()
    {
        await using (var db = _database.CreateContext())
        {
            var mug = db.Products.Single(p => p.Sku == "MUG");
            var cy = db.Customers.Single(c => c.CustomerCode == "3");
            db.AddRange(Order("1101", cy, new DateTime(2011, 1, 12), (mug, 1_500_000_000, 0.01m)), Order("1102", cy, new DateTime(2011, 1, 13), (mug, 1_500_000_000, 0.01m)));
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        // With the month's few other orders and units: positive, and at least the two huge orders' units over all orders.
        var orders = data.Kpis.Single(k => k.Name == "Orders").Value;
        Assert.InRange(data.Kpis.Single(k => k.Name == "Items per basket").Value, 3_000_000_000d / orders, 3_000_001_000d / orders);
    }

    /// <summary>
    /// A view of shop days counts the suggestions of those days: in Sydney (UTC+11 in January) a showing at 08:00 on
    /// 1 January is 21:00 on 31 December in UTC, and one at 23:00 on 31 January is 12:00 that day in UTC. Compared as
    /// UTC days, the first fell outside January and a showing at 08:00 on 1 February (21:00 UTC on 31 January) inside.
    /// </summary>
    [Fact]
    public async Task GetAsync_ShopInSydney_CountsTheSuggestionsOfItsOwnDays()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2011, 2, 1, 12, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney"));
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using (var db = database.CreateContext())
        {
            var mug = Product("MUG", "Mug");
            var ann = new Customer { CustomerCode = "1", Country = "Australia" };
            db.AddRange(Order("3001", ann, new DateTime(2011, 1, 20, 11, 0, 0), (mug, 1, 2.50m)));
            await db.SaveChangesAsync();
            InteractionEvent Shown(int run, DateTime utc) =>
                new() { CustomerId = ann.Id, ProductId = mug.Id, Type = InteractionType.Shown, Source = "lookup", ModelRunId = run, OccurredAt = utc };
            db.InteractionEvents.AddRange(
                Shown(31, new DateTime(2010, 12, 31, 21, 0, 0)), // 08:00 on 1 January in Sydney
                Shown(31, new DateTime(2011, 1, 31, 12, 0, 0)), // 23:00 on 31 January
                Shown(32, new DateTime(2011, 1, 31, 21, 0, 0)), // 08:00 on 1 February
                Shown(32, new DateTime(2010, 12, 31, 12, 0, 0))); // 23:00 on 31 December
            await db.SaveChangesAsync();
        }

        var data = await database.Get<DashboardService>().GetAsync(January());

        Assert.Equal([("Model run #31", 2)], data.Suggestions.Select(s => (s.Model, s.Shown)));
    }

    [Fact]
    public async Task GetAsync_DefaultViewOfHistoricalData_CountsSuggestionsLoggedToday_OverAsManyDaysUpToToday()
    {
        // The sales end on 5 Jan 2011; staff see suggestions today, on the real calendar.
        var today = DateOnly.FromDateTime(DateTime.Now);
        await using (var db = _database.CreateContext())
        {
            var lamp = db.Products.Single(p => p.Sku == "LAMP").Id;
            var bob = db.Customers.Single(c => c.CustomerCode == "2").Id;
            db.InteractionEvents.AddRange(
                new InteractionEvent { CustomerId = bob, ProductId = lamp, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 7, OccurredAt = DateTime.Now.AddMinutes(-1) },
                new InteractionEvent { CustomerId = bob, ProductId = lamp, Type = InteractionType.Accepted, Source = "lookup", ModelRunId = 7, OccurredAt = DateTime.Now.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }
        var view = await Dashboard.DefaultFilterAsync();

        var data = await Dashboard.GetAsync(view);

        Assert.Equal(new DateOnly(2011, 1, 5), view.To);
        Assert.Equal((view.From.AddDays(today.DayNumber - view.To.DayNumber), today), (data.SuggestionsFrom, data.SuggestionsTo));
        Assert.Equal((1, 1), data.Suggestions.Where(s => s.Model == "Model run #7").Select(s => (s.Shown, s.Accepted)).Single());
    }

    [Fact]
    public async Task GetAsync_OneSaleShownByTwoModels_IsCreditedOnceToTheLastShow()
    {
        await using (var db = _database.CreateContext())
        {
            var lamp = db.Products.Single(p => p.Sku == "LAMP").Id;
            var bob = db.Customers.Single(c => c.CustomerCode == "2").Id;
            db.InteractionEvents.AddRange(
                new InteractionEvent { CustomerId = bob, ProductId = lamp, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 7, OccurredAt = new DateTime(2011, 1, 1) },
                new InteractionEvent { CustomerId = bob, ProductId = lamp, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 9, OccurredAt = new DateTime(2011, 1, 2) },
                new InteractionEvent { CustomerId = bob, ProductId = lamp, Type = InteractionType.Shown, Source = "lookup", ModelRunId = 9, OccurredAt = new DateTime(2011, 1, 3) });
            await db.SaveChangesAsync();
        }

        var data = await Dashboard.GetAsync(January());

        Assert.Equal((0, 0m), data.Suggestions.Where(s => s.Model == "Model run #7").Select(s => (s.Bought, s.AttributedRevenue)).Single());
        Assert.Equal((2, 1, 19.50m), data.Suggestions.Where(s => s.Model == "Model run #9").Select(s => (s.Shown, s.Bought, s.AttributedRevenue)).Single());
    }

    [Fact]
    public async Task GetAsync_PeriodWithoutSales_IsEmptyWithoutErrors()
    {
        var data = await Dashboard.GetAsync(new DashboardFilter(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31)));

        Assert.Empty(data.RevenueTrend);
        Assert.Empty(data.BasketSizes);
        Assert.Equal(0, data.Kpis.Single(k => k.Name == "Orders").Value);
        Assert.Null(data.Kpis.Single(k => k.Name == "Orders").Change);
    }
}
