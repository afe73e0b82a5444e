using Bunit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Web.Components.Pages.Catalog;

namespace RetailRecs.Web.Tests.Pages.Catalog;

/// <summary>The Products page's lists (best sellers, trending, new): each line says the name, the price and the code as words.</summary>
[Trait("Database", "None")]
public class SuggestionColumnTests : StaffComponentTestContext
{
    [Fact]
    public void Render_ProductWithPriceAndCode_PriceAndCodeAreSeparateWords()
    {
        SignInAs(StaffRoles.Associate);
        var list = new SuggestionList(1, "popularity", false,
            [new Suggestion(2, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m, null, 1f, "A best seller", EvidenceKind.BestSeller, false)]);

        var column = Render<SuggestionColumn>(p => p.Add(c => c.Title, "Best sellers").Add(c => c.List, list));

        // Read as the screen shows it (and a screen reader says it): "£2.55 85123A", not "£2.5585123A".
        var line = column.Find("[data-testid=item] p").TextContent;
        Assert.Matches(@"^White Hanging Heart T-Light Holder \D*2\.55 85123A$", line);
    }
}
