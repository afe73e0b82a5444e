using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>The visits shared by the associate's card and the customer's screen: who may find one, and who is told of changes.</summary>
[Trait("Database", "None")]
public class CounterVisitsTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly BasketItem Tea = new(1, "T1", "Tea", 2m);

    [Fact]
    public void Attach_IdHeldForAnotherCustomerOrStaff_RefusedAndTheHeldVisitUnchanged()
    {
        var visits = new CounterVisits(new Clock());
        var held = visits.Attach(CounterVisit.Start(7).With(Tea), "ann")!;

        Assert.Null(visits.Attach(CounterVisit.Start(8) with { VisitId = held.VisitId }, "ann"));
        Assert.Null(visits.Attach(CounterVisit.Start(7) with { VisitId = held.VisitId }, "bob"));
        Assert.Null(visits.Attach(CounterVisit.Start(7) with { VisitId = "" }, "ann"));

        Assert.Null(visits.Find(held.VisitId, 8, "ann"));
        Assert.Null(visits.Find(held.VisitId, 7, "bob"));
        Assert.Null(visits.Find(null, 7, "ann"));
        Assert.Equal([Tea], visits.Find(held.VisitId, 7, "ann")!.Items);
    }

    [Fact]
    public void Attach_TheCardComesBack_KeepsWhatTheCustomerAddedMeanwhile()
    {
        var visits = new CounterVisits(new Clock());
        var stored = visits.Attach(CounterVisit.Start(7), "ann")!;
        var coffee = new BasketItem(2, "C1", "Coffee", 3m);
        visits.Change(stored.VisitId, v => v.With(coffee).Marked(coffee.ProductId, "in the basket"), "The customer added Coffee to the basket.");

        var back = visits.Attach(stored.With(Tea), "ann")!;

        Assert.Equal([Tea, coffee], back.Items);
        Assert.Equal("in the basket", back.Marks[coffee.ProductId]);
    }

    [Fact]
    public void Find_IdleLongerThanTheLimit_NotFound_AndLetGoAtTheNextAttach()
    {
        var clock = new Clock();
        var visits = new CounterVisits(clock);
        var held = visits.Attach(CounterVisit.Start(7), "ann")!;

        clock.Now += CounterVisits.IdleLimit + TimeSpan.FromMinutes(1);

        Assert.Null(visits.Find(held.VisitId, 7, "ann"));
        visits.Attach(CounterVisit.Start(9), "ann");
        Assert.Equal(1, visits.Count);
    }

    [Fact]
    public void Change_NothingToDoOrUnknown_TellsNoOne_EndTellsTheVisitIsOver()
    {
        var visits = new CounterVisits(new Clock());
        var held = visits.Attach(CounterVisit.Start(7).With(Tea), "ann")!;
        var told = new List<VisitChange>();
        visits.Changed += told.Add;

        Assert.Null(visits.Change(held.VisitId, v => v.Holds(Tea.ProductId) ? null : v.With(Tea)));
        Assert.Null(visits.Change(CounterVisit.NewId(), v => v.With(Tea)));
        Assert.Empty(told);

        visits.End(held.VisitId);
        visits.End(held.VisitId);

        var ended = Assert.Single(told);
        Assert.Equal((held.VisitId, null), (ended.VisitId, ended.Visit));
        Assert.Null(visits.Find(held.VisitId, 7, "ann"));
    }
}
