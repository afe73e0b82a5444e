using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>The export against the database it was made from, for a customer with every kind of data.</summary>
public class CustomerExportServiceTests(PrivacyDemoDatabase demo) : IClassFixture<PrivacyDemoDatabase>
{
    private CustomerExportService Export => demo.Database.Get<CustomerExportService>();

    [Fact]
    public async Task ExportAsync_CustomerWithOrdersReturnsInteractionsAndExperiment_JsonMatchesTheDatabase()
    {
        var customer = await demo.CustomerAsync(10, objects: true);
        var key = customer.Id.ToString(CultureInfo.InvariantCulture);

        var json = (await Export.ExportAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin))!.ToJson();

        var export = CustomerDataExport.FromJson(json); // what the customer receives, read back
        await using var db = demo.Database.CreateContext();
        Assert.Equal(CustomerDataExport.CurrentFormat, export.Format);
        Assert.Equal(new ExportedProfile(customer.CustomerCode, customer.FirstName, customer.LastName, customer.Email, customer.Phone,
            customer.LoyaltyNumber, customer.Country, "Kent", customer.BirthYear, customer.Gender, customer.JoinedOn, customer.HasFictionalProfile),
            export.Profile);

        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer.Id).Include(o => o.Lines).ThenInclude(l => l.Product)
            .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).ToListAsync();
        Assert.Contains(orders, o => o.IsCancellation);
        Assert.Equal(orders.Select(o => ((string?)o.InvoiceNumber, o.PlacedAt, o.IsCancellation, (decimal?)o.Revenue)),
            export.Orders.Select(o => (o.InvoiceNumber, o.PlacedAt, o.IsReturn, o.Revenue)));
        Assert.Equal(orders.SelectMany(o => o.Lines.OrderBy(l => l.LineNumber).Select(l => ((string?)o.InvoiceNumber, l.LineNumber, l.Product!.Sku, l.Quantity, l.UnitPrice))),
            export.Orders.SelectMany(o => o.Lines.Select(l => (o.InvoiceNumber, l.LineNumber, l.Sku, l.Quantity, l.UnitPrice))));

        var events = await db.InteractionEvents.AsNoTracking().Where(e => e.CustomerId == customer.Id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new { e.Type, Sku = db.Products.Single(p => p.Id == e.ProductId).Sku, e.Source, e.ModelRunId, e.ExperimentVariant }).ToListAsync();
        Assert.Contains(events, e => e.Type == InteractionType.Accepted);
        Assert.Contains(events, e => e.Type == InteractionType.Dismissed);
        Assert.Equal(events.Select(e => (e.Type.ToString(), e.Sku, e.Source, e.ModelRunId, e.ExperimentVariant)),
            export.Interactions.Select(e => (e.Type, e.Sku, e.Source, e.ModelRunId, e.ExperimentVariant)));

        // Their objection removed their segment membership (ExportAsync_SegmentedCustomer_ExportsTheirMembership has one).
        Assert.Empty(export.SegmentMemberships);
        Assert.False(await db.CustomerSegments.AnyAsync(s => s.CustomerId == customer.Id));

        var exposure = await db.ExperimentExposures.AsNoTracking().SingleAsync(e => e.CustomerId == customer.Id);
        var assignment = Assert.Single(export.ExperimentAssignments);
        Assert.Equal((demo.Experiment.Id, demo.Experiment.Name, exposure.Variant), (assignment.ExperimentId, assignment.Experiment, assignment.Variant));
        var shownSkus = await db.Products.Where(p => exposure.ProductIds.Contains(p.Id.ToString())).Select(p => p.Sku).ToListAsync();
        Assert.Equal(exposure.ShownCount, Assert.Single(assignment.Exposures).ProductSkus.Count);
        Assert.Subset(shownSkus.ToHashSet(), assignment.Exposures[0].ProductSkus.ToHashSet());

        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Customer) && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
        // Everything about them before the export, then the export itself.
        Assert.Equal(audit.SkipLast(1).Select(a => (a.Action, a.Details)), export.AuditEntries.Select(a => (a.Action, a.Details)));
        Assert.DoesNotContain(PrivacyDemoDatabase.Admin.UserName, json, StringComparison.Ordinal); // staff are not the customer's data

        // Consent: objects now (the fixture's API call), then the one record of that choice with its date and source.
        var record = await db.ConsentRecords.AsNoTracking().SingleAsync(r => r.CustomerId == customer.Id);
        Assert.Equal([(false, (DateTime?)null, (string?)null), (false, record.RecordedAt, "api")],
            export.Consents.Select(c => (c.Given, c.RecordedAt, c.Source)));
        Assert.Contains("1 experiment assignments", export.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_SegmentedCustomer_ExportsTheirMembership()
    {
        var customer = await demo.CustomerAsync(12);

        var export = CustomerDataExport.FromJson((await Export.ExportAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin))!.ToJson());

        await using var db = demo.Database.CreateContext();
        var membership = await db.CustomerSegments.AsNoTracking().Include(s => s.Segment).SingleAsync(s => s.CustomerId == customer.Id);
        var exported = Assert.Single(export.SegmentMemberships);
        Assert.Equal((membership.RunId, membership.Segment!.Name, membership.RfmSegment, (int)membership.RecencyScore, (int)membership.FrequencyScore,
                (int)membership.MonetaryScore, membership.Monetary),
            (exported.RunId, exported.Segment, exported.RfmSegment, exported.RecencyScore, exported.FrequencyScore, exported.MonetaryScore, exported.Monetary));
    }

    [Fact]
    public async Task ExportAsync_Customer_WritesExactlyOneAuditEntry()
    {
        var customer = await demo.CustomerAsync(11);
        int before;
        await using (var db = demo.Database.CreateContext())
        {
            before = await db.AuditEntries.CountAsync();
        }

        await Export.ExportAsync(customer.CustomerCode, PrivacyDemoDatabase.Admin);

        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal(before + 1, await db.AuditEntries.CountAsync());
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal((CustomerExportService.ExportedAction, nameof(Customer), customer.Id.ToString(CultureInfo.InvariantCulture), PrivacyDemoDatabase.Admin.UserName),
                (entry.Action, entry.EntityType, entry.EntityId, entry.UserName));
        }
    }

    [Fact]
    public async Task ExportAsync_UnknownCode_ReturnsNothingAndWritesNothing()
    {
        int before;
        await using (var db = demo.Database.CreateContext())
        {
            before = await db.AuditEntries.CountAsync();
        }

        Assert.Null(await Export.ExportAsync("NO-SUCH-CUSTOMER", PrivacyDemoDatabase.Admin));
        Assert.Null(await Export.ExportAsync("", PrivacyDemoDatabase.Admin));

        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal(before, await db.AuditEntries.CountAsync());
        }
    }
}
