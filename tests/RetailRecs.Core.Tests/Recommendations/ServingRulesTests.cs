using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Tests.Recommendations;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ServingRulesTests
{
    private static readonly List<CatalogItem> Items =
    [
        Item(0, "PINK REGENCY TEACUP AND SAUCER", "Tea"),
        Item(1, "GREEN REGENCY TEACUP AND SAUCER", "Tea"),
        Item(2, "ROSES REGENCY TEACUP AND SAUCER", "Tea"),
        Item(3, "REGENCY CAKESTAND 3 TIER", "Tea"),
        Item(4, "REGENCY TEA PLATE", "Tea"),
        Item(5, "POSTAGE", null, recommendable: false),
        Item(6, "JUMBO BAG RED RETROSPOT", "Bags"),
        Item(7, "LUNCH BAG RED RETROSPOT", "Bags"),
    ];

    private static CatalogItem Item(int i, string name, string? category, bool recommendable = true) =>
        new(i + 1, $"S{i}", name, null, category, null, 1f, recommendable, 0);

    private static IEnumerable<Candidate> Ranked(params int[] items) => items.Select((item, rank) => new Candidate(item, 100 - rank, default));

    [Fact]
    public void Select_NonMerchandiseAndExcludedItems_NeverPass()
    {
        var chosen = ServingRules.Select(Items, Ranked(5, 6, 7, 3), [], 10, new HashSet<int> { 7 }, DiversityRules.None);

        Assert.Equal([6, 3], chosen.Select(c => c.Item));
    }

    [Fact]
    public void Select_NearIdenticalVariantsAndOneCategory_CannotFillTheList()
    {
        // Three colours of the same teacup rank first; the family cap keeps two, the category cap three teas.
        var chosen = ServingRules.Select(Items, Ranked(0, 1, 2, 3, 4, 6), [], 4, new HashSet<int>(), DiversityRules.Default);

        Assert.Equal([0, 1, 3, 6], chosen.Select(c => c.Item));
    }

    [Fact]
    public void Select_CapsLeaveTheListShort_SkippedItemsFillItAndPopularityTheRest()
    {
        var chosen = ServingRules.Select(Items, Ranked(0, 1, 2), Ranked(7), 5, new HashSet<int>(), DiversityRules.Default);

        Assert.Equal([0, 1, 7, 2], chosen.Select(c => c.Item));
    }

    [Fact]
    public void FamilyOf_ProductName_IsTheNameWithoutItsFirstWord()
    {
        Assert.Equal(DiversityRules.FamilyOf("PINK REGENCY TEACUP AND SAUCER"), DiversityRules.FamilyOf("green regency teacup and saucer"));
        Assert.NotEqual(DiversityRules.FamilyOf("JUMBO BAG RED RETROSPOT"), DiversityRules.FamilyOf("JUMBO STORAGE BAG SUKI"));
        Assert.Equal("DOORMAT", DiversityRules.FamilyOf("DOORMAT"));
    }

    [Fact]
    public void Reasons_EachKindOfEvidence_QuoteTheEvidence()
    {
        var march = new DateOnly(2011, 3, 14).DayNumber;

        Assert.Equal("Often bought with Pink Regency Teacup and Saucer (in 31% of its baskets)",
            ReasonText.For(new Evidence(EvidenceKind.BoughtTogether, 0, 0.31f, 12), Items));
        Assert.Equal("Similar to Jumbo Bag Red Retrospot, bought in March 2011",
            ReasonText.For(new Evidence(EvidenceKind.SimilarItem, 6, 0.7f, Day: march), Items));
        Assert.Equal("Shoppers who buy what they buy often choose it (12 of 50)",
            ReasonText.For(new Evidence(EvidenceKind.SimilarCustomers, Share: 12 / 50f, Count: 12), Items));
        Assert.Equal("Popular pick: 6 shoppers bought it in the last 30 days", ReasonText.For(new Evidence(EvidenceKind.Trending, Count: 6), Items));
        Assert.Equal("Popular pick: one of our best sellers (310 shoppers)", ReasonText.For(new Evidence(EvidenceKind.BestSeller, Count: 310), Items));
        Assert.Equal("they bought it 3 times, last in March 2011", ReasonText.BoughtBefore(new HistoryEntry(0, 3, 5, march, 1)));
    }

    [Fact]
    public void Reasons_ModelCountedToAnEarlierDayThanToday_NameThatDay()
    {
        // A model trained weeks before the shop's today cannot say "the last 30 days" of its counts.
        Assert.Equal("Popular pick: 12 shoppers bought it in the 30 days to 9 November 2011",
            ReasonText.For(new Evidence(EvidenceKind.Trending, Count: 12), Items, countedTo: new DateOnly(2011, 11, 9)));
    }

    /// <summary>A grocer's catalog as the categoriser left it: 7 of 10 products in one automatic category.</summary>
    private static readonly List<CatalogItem> Grocer =
    [
        .. Enumerable.Range(0, 7).Select(i => Item(i, $"product {i}", "Milk Whole Vegetables")),
        Item(7, "soda", "Drinks"),
        Item(8, "bottled water", "Drinks"),
        Item(9, "shopping bags", null),
    ];

    [Fact]
    public void For_AutomaticCategoryHoldingMostOfTheCatalog_IsNotCapped()
    {
        // The five best sellers all fell into the big category: the fixed cap kept three and pushed two out.
        var ranked = Ranked(0, 1, 2, 3, 4, 7, 8);

        var adaptive = ServingRules.Select(Grocer, ranked, [], 5, new HashSet<int>(), DiversityRules.For(Grocer, 5));
        var capped = ServingRules.Select(Grocer, ranked, [], 5, new HashSet<int>(), DiversityRules.For(Grocer, 5, DiversityMode.Fixed));

        Assert.Equal([0, 1, 2, 3, 4], adaptive.Select(c => c.Item));
        Assert.Equal([0, 1, 2, 7, 8], capped.Select(c => c.Item));
    }

    [Fact]
    public void For_CategoryWithinItsShareOfTheList_StaysCapped()
    {
        // Tea holds 5 of the 7 recommendable products (71%): under the cap's share of a list of 4 (3 of 4, 75%), so it is
        // capped there; above its share of a list of 10 (30%), so it is not. Bags (2 of 7, 29%) stay capped in both.
        Assert.Empty(DiversityRules.For(Items, 4).Uncapped);
        Assert.Equal(["Tea"], DiversityRules.For(Items, 10).Uncapped);
        Assert.Same(DiversityRules.Default, DiversityRules.For(Items, 4));
    }
}
