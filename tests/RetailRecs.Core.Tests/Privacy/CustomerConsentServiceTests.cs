using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>
/// A choice recorded at the counter, on the demo data with a champion and a running A/A experiment: one record and one
/// audit entry per change, and an objecting customer is out of the experiment and gets best sellers.
/// </summary>
public class CustomerConsentServiceTests(PrivacyDemoDatabase demo) : IClassFixture<PrivacyDemoDatabase>
{
    private static readonly StaffActor Associate = new("associate-id", "associate@retailrecs.example");

    private CustomerConsentService Consents => demo.Database.Get<CustomerConsentService>();

    private async Task<(int Records, int Audit, bool OptOut)> StateAsync(int customerId)
    {
        await using var db = demo.Database.CreateContext();
        var key = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (await db.ConsentRecords.CountAsync(r => r.CustomerId == customerId),
            await db.AuditEntries.CountAsync(a => a.Action == ConsentRule.ChangedAction && a.EntityId == key),
            await db.Customers.Where(c => c.Id == customerId).Select(c => c.PersonalizationOptOut).SingleAsync());
    }

    [Fact]
    public async Task RecordAsync_ObjectionThenTheSameAgainThenAgreement_RecordsAndAuditsEachChangeOnce()
    {
        var customer = await demo.CustomerAsync(20);

        var objected = await Consents.RecordAsync(customer.Id, false, ConsentOrigin.Counter(Associate), Associate);
        var again = await Consents.RecordAsync(customer.Id, false, ConsentOrigin.Counter(Associate), Associate); // a stale card's click

        Assert.Equal((1, 1, true), await StateAsync(customer.Id));
        Assert.Equal((false, ConsentSource.Counter), (objected!.Granted, objected.Source));
        Assert.Equal(objected, again);
        await using (var db = demo.Database.CreateContext())
        {
            var record = await db.ConsentRecords.SingleAsync(r => r.CustomerId == customer.Id);
            Assert.Equal((ConsentPurpose.Personalisation, false, ConsentSource.Counter, "associate-id", (int?)null),
                (record.Purpose, record.Granted, record.Source, record.RecordedBy, record.ImportBatchId));
            Assert.True(DateTime.UtcNow - record.RecordedAt < TimeSpan.FromMinutes(1));
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == ConsentRule.ChangedAction && a.EntityId == customer.Id.ToString());
            Assert.Equal(("associate@retailrecs.example", "objected to personalised suggestions and profiling; source: at the counter"),
                (audit.UserName, audit.Details));
        }

        var agreed = await Consents.RecordAsync(customer.Id, true, ConsentOrigin.Admin(PrivacyDemoDatabase.Admin), PrivacyDemoDatabase.Admin);

        Assert.Equal((2, 2, false), await StateAsync(customer.Id));
        Assert.Equal((true, ConsentSource.Admin), (agreed!.Granted, agreed.Source));
    }

    /// <summary>
    /// Two tablets press the objection at once: the second press arrives after the first has read the customer, and
    /// waits for it (up to 1.5 s here) rather than reading the old state — one record, one audit entry.
    /// </summary>
    [PostgresOnlyFact]
    public async Task RecordAsync_TheSameChoiceTwiceAtOnce_RecordsAndAuditsItOnce()
    {
        var customer = await demo.CustomerAsync(30);
        Task<ConsentStatus?>? second = null;
        var pause = new AfterCommand(sql => sql.Contains("FROM \"Customers\"", StringComparison.Ordinal) && sql.Contains("LIMIT 2", StringComparison.Ordinal), async () =>
        {
            second = Consents.RecordAsync(customer.Id, false, ConsentOrigin.Counter(Associate), Associate);
            await Task.WhenAny(second, Task.Delay(1500));
        });
        await using var tablet = demo.Database.AnotherInstance(s => s.AddSingleton<IInterceptor>(pause));

        await tablet.GetRequiredService<CustomerConsentService>().RecordAsync(customer.Id, false, ConsentOrigin.Counter(Associate), Associate);

        Assert.NotNull(second);
        Assert.False((await second)!.Granted);
        Assert.Equal((1, 1, true), await StateAsync(customer.Id));
    }

    [Fact]
    public async Task RecordAsync_Objection_TheCustomerLeavesTheExperimentAndGetsBestSellers()
    {
        var customer = await demo.CustomerAsync(21);
        var recommendations = demo.Database.Get<RecommendationService>();
        var before = await recommendations.ForCustomerAsync(customer.Id);
        Assert.NotNull(before.Experiment); // in the running A/A test until they object
        int exposures;
        await using (var db = demo.Database.CreateContext())
        {
            exposures = await db.ExperimentExposures.CountAsync(e => e.CustomerId == customer.Id);
        }

        await Consents.RecordAsync(customer.Id, false, ConsentOrigin.Counter(Associate), Associate);
        var after = await recommendations.ForCustomerAsync(customer.Id);
        await demo.Database.Get<InteractionRecorder>().RecordShownAsync(customer.Id, after, "lookup", Associate.UserId);

        Assert.Null(after.Experiment);
        Assert.Null(after.Route);
        Assert.False(after.Personalised);
        Assert.NotEmpty(after.Items);
        Assert.All(after.Items, s => Assert.Equal(EvidenceKind.BestSeller, s.Evidence));
        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal(exposures, await db.ExperimentExposures.CountAsync(e => e.CustomerId == customer.Id)); // no new exposure
        }
    }

    /// <summary>Segmentation leaves objectors out; one who objects after it leaves their segment at once, not at the next run.</summary>
    [Fact]
    public async Task RecordAsync_Objection_TheCustomerLeavesTheirSegmentAtOnce()
    {
        var customer = await demo.CustomerAsync(22);
        var segments = demo.Database.Get<RetailRecs.Core.Segmentation.SegmentQueries>();
        var segment = await segments.ForCustomerAsync(customer.Id);
        Assert.NotNull(segment);
        var (_, membersBefore) = await segments.MembersAsync(segment.SegmentId, 0, 1, Associate);

        await Consents.RecordAsync(customer.Id, false, ConsentOrigin.Counter(Associate), Associate);

        Assert.Null(await segments.ForCustomerAsync(customer.Id)); // the card shows no segment chip
        var (_, membersAfter) = await segments.MembersAsync(segment.SegmentId, 0, 1, Associate);
        Assert.Equal(membersBefore - 1, membersAfter);
        await using var db = demo.Database.CreateContext();
        Assert.False(await db.CustomerSegments.AnyAsync(s => s.CustomerId == customer.Id)); // nor a dashboard's segment view
    }

    /// <summary>A customers file's objection leaves the segment too (set-based: a file may carry thousands).</summary>
    [Fact]
    public async Task Import_CustomersFileObjection_TheCustomerLeavesTheirSegment()
    {
        var customer = await demo.CustomerAsync(23);
        var segments = demo.Database.Get<RetailRecs.Core.Segmentation.SegmentQueries>();
        Assert.NotNull(await segments.ForCustomerAsync(customer.Id));
        var file = Path.Combine(Path.GetTempPath(), $"consent-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"CustomerID,Consent\n{customer.CustomerCode},no\n");
        try
        {
            var result = await demo.Database.Get<RetailRecs.Core.Import.ImportService>().ImportAsync(
                new RetailRecs.Core.Import.ImportRequest(ImportKind.Customers, file, "consent.csv", "admin"));

            Assert.Equal(1, result.Upserted!.Consents);
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Null(await segments.ForCustomerAsync(customer.Id));
    }

    [Fact]
    public async Task RecordAsync_UnknownCustomer_ReturnsNullAndRecordsNothing()
    {
        int records, audit;
        await using (var db = demo.Database.CreateContext())
        {
            (records, audit) = (await db.ConsentRecords.CountAsync(), await db.AuditEntries.CountAsync());
        }

        Assert.Null(await Consents.RecordAsync(999_999, false, ConsentOrigin.Counter(Associate), Associate));

        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal((records, audit), (await db.ConsentRecords.CountAsync(), await db.AuditEntries.CountAsync()));
        }
    }
}
