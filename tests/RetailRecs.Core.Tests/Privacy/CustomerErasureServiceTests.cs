using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RetailRecs.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>Erasure on the demo data: no trace left, figures kept, serving and training forget the customer.</summary>
public class CustomerErasureServiceTests(PrivacyDemoDatabase demo) : IClassFixture<PrivacyDemoDatabase>
{
    private CustomerErasureService Erasure => demo.Database.Get<CustomerErasureService>();

    [Fact]
    public async Task EraseAsync_DemoCustomer_LeavesNoTraceOfTheirIdentifiersInAnyTable()
    {
        var customer = await demo.CustomerAsync(0);
        var identifiers = new[] { customer.CustomerCode, customer.Email, customer.Phone, customer.LoyaltyNumber, $"{customer.FirstName} {customer.LastName}" }
            .OfType<string>().ToList();
        Assert.Equal(5, identifiers.Count); // a demo customer has a fictional profile: every identifier is there to look for
        Assert.NotEmpty(await TracesAsync(customer, identifiers)); // the scan finds them before

        var result = await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        Assert.Empty(await TracesAsync(customer, identifiers));
        Assert.Equal(1, result!.SegmentMembershipsDeleted);
    }

    [Fact]
    public async Task EraseAsync_DemoCustomer_DashboardTotalsUnchanged()
    {
        var customer = await demo.CustomerAsync(1);
        var dashboard = demo.Database.Get<DashboardService>();
        var filter = (await dashboard.DefaultFilterAsync()) with { From = new DateOnly(2010, 1, 1), To = new DateOnly(2012, 12, 31) };
        var before = await dashboard.GetAsync(filter);

        await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        var after = await dashboard.GetAsync(filter);
        foreach (var name in new[] { "Revenue", "Orders", "Average order value", "Items per basket", "Return rate (value)" })
        {
            Assert.Equal(Kpi(before, name), Kpi(after, name));
        }
        Assert.Equal(Kpi(before, "Customers") - 1, Kpi(after, "Customers")); // nobody left to count them as
        Assert.Equal(before.RevenueTrend, after.RevenueTrend);
        Assert.Equal(before.TopProducts, after.TopProducts);
        Assert.Equal(before.ReturnsByMonth, after.ReturnsByMonth);
        Assert.Equal(before.BasketSizes, after.BasketSizes);
    }

    [Fact]
    public async Task EraseAsync_ServingModel_ForgetsThemAtOnceAndAfterReloading()
    {
        var customer = await demo.CustomerAsync(2);
        var registry = demo.Database.Get<ModelRegistry>();
        var champion = (await registry.GetChampionAsync())!;
        var index = champion.Bundle.CustomerOf(customer.Id);
        Assert.NotNull(index);
        Assert.NotEmpty(champion.Bundle.Histories[index!.Value]);

        await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        // The model in memory, the same instance, without waiting for a recheck or a reload.
        Assert.Same(champion, await registry.GetChampionAsync());
        Assert.Null(champion.Bundle.CustomerOf(customer.Id));
        Assert.Empty(champion.Bundle.Histories[index.Value]);
        await Assert.ThrowsAsync<UnknownCustomerException>(() => demo.Database.Get<RecommendationService>().ForCustomerAsync(customer.Id));
        // The stored artifact still holds them (until the next training): a fresh load forgets them too.
        var reloaded = await registry.LoadRunAsync(champion.RunId);
        Assert.Null(reloaded.CustomerOf(customer.Id));
        Assert.Empty(reloaded.Histories[index.Value]);
    }

    [Fact]
    public async Task EraseAsync_AnotherInstancesModels_ForgetThemAtItsNextCheck()
    {
        var customer = await demo.CustomerAsync(8);
        await using var other = demo.Database.AnotherInstance();
        var erasuresElsewhere = other.GetRequiredService<ErasuresElsewhere>();
        Assert.Equal(0, await erasuresElsewhere.CheckAsync()); // its first look
        var champion = (await other.GetRequiredService<ModelRegistry>().GetChampionAsync())!;
        var index = champion.Bundle.CustomerOf(customer.Id);
        Assert.NotNull(index);

        await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin); // on this instance

        Assert.NotNull(champion.Bundle.CustomerOf(customer.Id)); // the other process has not heard yet
        Assert.Equal(1, await erasuresElsewhere.CheckAsync());
        Assert.Null(champion.Bundle.CustomerOf(customer.Id));
        Assert.Empty(champion.Bundle.Histories[index!.Value]); // no longer anyone's neighbour
        await Assert.ThrowsAsync<UnknownCustomerException>(() => other.GetRequiredService<RecommendationService>().ForCustomerAsync(customer.Id));
        Assert.Equal(0, await erasuresElsewhere.CheckAsync()); // nothing new since
    }

    [Fact]
    public async Task EraseAsync_LiveSalesSinceTraining_AreForgottenAtOnce()
    {
        var customer = await demo.CustomerAsync(6);
        var live = demo.Database.Get<LiveUpdates>();
        const int Day = 800_000; // long after the model's last day: a sale the serving model folds in live
        int[] products;
        await using (var db = demo.Database.CreateContext())
        {
            products = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToArrayAsync();
        }
        live.AddSale(customer.Id, Day, products.ToDictionary(p => p, _ => 1f));
        Assert.Contains(customer.Id, live.CustomersAfter(LearnedSales.Through(Day - 1)));

        await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        Assert.DoesNotContain(customer.Id, live.CustomersAfter(LearnedSales.Through(Day - 1)));
        Assert.Equal(0, live.CoPurchases(products[0], LearnedSales.Through(Day - 1)).Baskets);
    }

    [Fact]
    public async Task EraseAsync_NextTrainingData_HasNoneOfTheirLines()
    {
        var customer = await demo.CustomerAsync(3);
        var loader = demo.Database.Get<TrainingDataLoader>();
        var before = await loader.LoadAsync(TrainingWindow.All);
        var theirs = before.Purchases.Count(p => p.Customer >= 0 && before.CustomerIds[p.Customer] == customer.Id);
        Assert.True(theirs > 0);

        await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        var after = await loader.LoadAsync(TrainingWindow.All);
        Assert.DoesNotContain(customer.Id, after.CustomerIds);
        Assert.Equal(before.Purchases.Count - theirs, after.Purchases.Count); // not even as a guest's basket
        Assert.Equal(before.Purchases.Count(p => p.Customer < 0), after.Purchases.Count(p => p.Customer < 0));
    }

    [Fact]
    public async Task EraseAsync_FormerIdentifiers_FindNothingAnywhere()
    {
        var customer = await demo.CustomerAsync(4);

        var result = await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        Assert.NotNull(result);
        var search = demo.Database.Get<CustomerSearch>();
        foreach (var identifier in new[] { customer.CustomerCode, customer.Email!, customer.Phone!, customer.LoyaltyNumber!, $"{customer.FirstName} {customer.LastName}" })
        {
            Assert.Empty(await search.SearchAsync(identifier));
        }
        Assert.Null(await demo.Database.Get<CustomerExportService>().ExportAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin));
        Assert.Null(await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin));
    }

    [Fact]
    public async Task EraseAsync_AuditLog_KeepsExactlyOneEntryWithWhoWhenAndAnOpaqueReference()
    {
        var customer = await demo.CustomerAsync(5, objects: true);
        var key = customer.Id.ToString(CultureInfo.InvariantCulture);
        int total, aboutThem, events;
        await using (var db = demo.Database.CreateContext())
        {
            total = await db.AuditEntries.CountAsync();
            aboutThem = await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Customer) && a.EntityId == key);
            events = await db.InteractionEvents.CountAsync(e => e.CustomerId == customer.Id);
        }
        Assert.Equal(3, aboutThem); // card viewed; record updated and consent withdrawn through the API

        var result = await Erasure.EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal(total - aboutThem + 1, await db.AuditEntries.CountAsync());
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Customer) && a.EntityId == key));
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == CustomerErasureService.ErasedAction && a.EntityId == result!.Reference);
            Assert.Equal(PrivacyDemoDatabase.Admin.UserName, entry.UserName);
            Assert.Equal(PrivacyDemoDatabase.Admin.UserId, entry.UserId);
            Assert.Null(entry.Details);
            Assert.Matches("^ER-[0-9A-F]{12}$", entry.EntityId);
            Assert.True(DateTime.UtcNow - entry.At < TimeSpan.FromMinutes(1));
        }
        Assert.Equal(aboutThem, result!.AuditEntriesDeleted);
        Assert.Equal(events, result.InteractionsDeleted);
        Assert.True(events >= 3); // the list shown, one accepted, one dismissed
        Assert.Equal(1, result.ExposuresDeleted);
        Assert.Equal(0, result.SegmentMembershipsDeleted); // their objection removed it already
        Assert.Equal(1, result.ConsentRecordsDeleted); // their objection, recorded through the API
        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal(0, await db.ConsentRecords.CountAsync(r => r.CustomerId == customer.Id));
        }
    }

    [Fact]
    public async Task EraseAsync_UnknownCode_ChangesNothing()
    {
        var before = await RowCountsAsync(demo.Database);

        Assert.Null(await Erasure.EraseAsync("NO-SUCH-CUSTOMER", PrivacyDemoDatabase.Admin));
        Assert.Null(await Erasure.EraseAsync("  ", PrivacyDemoDatabase.Admin));

        Assert.Equal(before, await RowCountsAsync(demo.Database));
    }

    [Fact]
    public async Task EraseAsync_InterruptedBeforeTheCustomerRowGoes_LeavesThemUntouched()
    {
        var failing = new FailOnCommand("DELETE FROM \"Customers\"");
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IInterceptor>(failing));
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        Customer customer;
        await using (var db = database.CreateContext())
        {
            customer = await db.Customers.AsNoTracking().Where(c => db.Orders.Any(o => o.CustomerId == c.Id)).OrderBy(c => c.Id).FirstAsync();
        }
        var before = await RowCountsAsync(database);
        var ordersBefore = await OrdersOfAsync(database, customer.Id);

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Get<CustomerErasureService>().EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin));

        Assert.True(failing.Failed); // it got as far as the last step: orders anonymised, events deleted, then stopped
        Assert.Equal(before, await RowCountsAsync(database));
        Assert.Equal(ordersBefore, await OrdersOfAsync(database, customer.Id));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.Orders.CountAsync(o => o.IsAnonymised));
        }

        failing.Disarmed = true; // and a second attempt erases them fully
        Assert.NotNull(await database.Get<CustomerErasureService>().EraseAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin));
        Assert.Empty(await OrdersOfAsync(database, customer.Id));
    }

    private static double Kpi(DashboardData data, string name) => data.Kpis.Single(k => k.Name == name).Value;

    private static async Task<List<int>> OrdersOfAsync(TestDatabase database, int customerId)
    {
        await using var db = database.CreateContext();
        return await db.Orders.Where(o => o.CustomerId == customerId).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
    }

    /// <summary>Rows per table, every table of the model.</summary>
    private static async Task<Dictionary<string, long>> RowCountsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var counts = new Dictionary<string, long>();
        foreach (var (table, _) in Columns(db))
        {
            counts[table] = await ScalarAsync(db, $"SELECT COUNT(*) FROM {table}");
        }
        return counts;
    }

    /// <summary>
    /// Every place the customer still shows: a text cell of any table holding one of their identifiers (the code as a
    /// whole cell, since short numbers occur inside other text), a CustomerId column holding their id, or an audit
    /// entry naming their record. Plain SQL over the model's tables and columns, so it runs on SQLite and PostgreSQL.
    /// </summary>
    private async Task<List<string>> TracesAsync(Customer customer, IReadOnlyList<string> identifiers)
    {
        await using var db = demo.Database.CreateContext();
        var sql = db.GetService<ISqlGenerationHelper>();
        var traces = new List<string>();
        foreach (var (table, columns) in Columns(db))
        {
            foreach (var (column, clrType) in columns)
            {
                long n;
                if (clrType == typeof(string))
                {
                    var where = $"{column} = @code OR {column} = @code || '.0'"
                        + string.Concat(identifiers.Skip(1).Select((_, i) => $" OR {column} LIKE '%' || @i{i} || '%'"));
                    n = await ScalarAsync(db, $"SELECT COUNT(*) FROM {table} WHERE {where}",
                        [("code", customer.CustomerCode), .. identifiers.Skip(1).Select((v, i) => ($"i{i}", (object)v))]);
                }
                else if (column == sql.DelimitIdentifier("CustomerId"))
                {
                    n = await ScalarAsync(db, $"SELECT COUNT(*) FROM {table} WHERE {column} = @id", [("id", customer.Id)]);
                }
                else
                {
                    continue;
                }
                if (n > 0)
                {
                    traces.Add($"{table}.{column}: {n}");
                }
            }
        }
        var about = await db.AuditEntries.CountAsync(e => e.EntityType == "Customer" && e.EntityId == customer.Id.ToString(CultureInfo.InvariantCulture));
        if (about > 0)
        {
            traces.Add($"AuditEntries about them: {about}");
        }
        return traces;
    }

    /// <summary>Every table of the model with its columns (quoted for the provider) and their .NET types.</summary>
    private static List<(string Table, List<(string Column, Type ClrType)> Columns)> Columns(RetailDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .GroupBy(e => e.GetTableName()!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (sql.DelimitIdentifier(g.Key), g
                .SelectMany(e => e.GetProperties().Select(p => (Name: p.GetColumnName(StoreObjectIdentifier.Table(g.Key, e.GetSchema())), Type: Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)))
                .Where(c => c.Name is not null)
                .DistinctBy(c => c.Name)
                .Select(c => (sql.DelimitIdentifier(c.Name!), c.Type))
                .ToList()))
            .ToList();
    }

    private static async Task<long> ScalarAsync(RetailDbContext db, string text, IEnumerable<(string Name, object Value)>? parameters = null)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters ?? [])
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Fails the first command that starts with the given text, as a crash or a lost connection would at that point.</summary>
    private sealed class FailOnCommand(string prefix) : DbCommandInterceptor
    {
        public bool Failed { get; private set; }
        public bool Disarmed { get; set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (!Disarmed && command.CommandText.TrimStart().StartsWith(prefix, StringComparison.Ordinal))
            {
                Failed = true;
                throw new InvalidOperationException("Simulated failure midway through the erasure.");
            }
            return base.NonQueryExecutingAsync(command, eventData, result, ct);
        }
    }
}
