using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class SimilarNamesTests
{
    private static CatalogItem Item(string name) => new(1, "S", name, name, null, null, null, true, 0);

    // Pairs of real names from the demo slice; the first four came out "similar" from the text model's neighbours.
    [Theory]
    [InlineData("SWEETHEART BIRD HOUSE", "ENAMEL BREAD BIN CREAM", false)]
    [InlineData("PACK OF 72 RETROSPOT CAKE CASES", "PACK OF 6 SANDCASTLE FLAGS ASSORTED", false)]
    [InlineData("JIGSAW TREE WITH WATERING CAN", "BOYS VINTAGE TIN SEASIDE BUCKET", false)]
    [InlineData("RED STRIPE CERAMIC DRAWER KNOB", "TEA COSY RED  STRIPE", false)]
    [InlineData("RED HANGING HEART T-LIGHT HOLDER", "WHITE HANGING HEART T-LIGHT HOLDER", true)]
    [InlineData("JUMBO BAG VINTAGE DOILY ", "JUMBO BAG VINTAGE CHRISTMAS ", true)]
    [InlineData("SET OF 3 CAKE TINS PANTRY DESIGN ", "SET OF 3 CAKE TINS SKETCHBOOK", true)]
    [InlineData("DRAWER KNOB CERAMIC RED", "BLUE STRIPE CERAMIC DRAWER KNOB", true)]
    [InlineData("CHILDREN'S SPACEBOY MUG", "CHILDREN'S CIRCUS PARADE MUG", true)]
    public void PersonWouldAgree_RealNames_OnlyTheSameKindOrTwoMeaningfulWords(string a, string b, bool similar)
    {
        Assert.Equal(similar, SimilarNames.PersonWouldAgree(Item(a), Item(b)));
        Assert.Equal(similar, SimilarNames.PersonWouldAgree(Item(b), Item(a)));
    }
}
