using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Model;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ProductNameTests
{
    // Real names from the demo slice (database/sample/online_retail_sample.csv.gz).
    [Theory]
    [InlineData("WHITE HANGING HEART T-LIGHT HOLDER", "White Hanging Heart T-Light Holder")]
    [InlineData("SET OF 3 CAKE TINS PANTRY DESIGN ", "Set of 3 Cake Tins Pantry Design ")]
    [InlineData("GIANT 50'S CHRISTMAS CRACKER", "Giant 50's Christmas Cracker")]
    [InlineData("3D SHEET OF DOG STICKERS", "3D Sheet of Dog Stickers")]
    [InlineData("CHILDREN'S SPACEBOY MUG", "Children's Spaceboy Mug")]
    [InlineData("PACK OF 72 RETROSPOT CAKE CASES", "Pack of 72 Retrospot Cake Cases")]
    [InlineData("SET/6 RED SPOTTY PAPER PLATES", "Set/6 Red Spotty Paper Plates")]
    [InlineData("BLACK CHRISTMAS TREE 60CM", "Black Christmas Tree 60cm")]
    [InlineData("BLUE CHECK BAG W HANDLE 34X20CM", "Blue Check Bag W Handle 34x20cm")]
    [InlineData("18PC WOODEN CUTLERY SET DISPOSABLE", "18pc Wooden Cutlery Set Disposable")]
    [InlineData("RETROSPOT TEA SET CERAMIC 11 PC ", "Retrospot Tea Set Ceramic 11 pc ")]
    [InlineData("BAG 125g SWIRLY MARBLES", "Bag 125g Swirly Marbles")]
    [InlineData("I'M ON HOLIDAY METAL SIGN", "I'm on Holiday Metal Sign")]
    [InlineData("EMPIRE UNION JACK TV DINNER TRAY", "Empire Union Jack TV Dinner Tray")]
    [InlineData("PACK OF SIX LED TEA LIGHTS", "Pack of Six LED Tea Lights")]
    [InlineData("Dotcom sold in 6's", "Dotcom sold in 6's")]
    // The grocer's export (member_date_item_sample.csv.gz uses these names; a real grocer's are lower case).
    [InlineData("whole milk", "whole milk")]
    public void Display_CatalogName_ReadableWithSizesAndUnitsKept(string stored, string shown) =>
        Assert.Equal(shown, ProductName.Display(stored));

    [Fact]
    public void Display_EveryNameOfTheDemoSlice_ChangesOnlyCaseAndNoLongWordShouts()
    {
        var names = SampleSlice.Distinct("Description").Where(n => n.Length > 0).ToList();
        Assert.True(names.Count > 3000);
        foreach (var name in names)
        {
            var shown = ProductName.Display(name);
            Assert.Equal(name.ToUpperInvariant(), shown.ToUpperInvariant());
            // A word of four letters or more in capitals is shouting (initialisms are shorter).
            var shouting = shown.Split([' ', '/', '-', ',', '.', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= 4 && w.All(char.IsLetter) && w.All(char.IsUpper)).ToList();
            Assert.True(shouting.Count == 0 || name.Count(char.IsLower) > 0.2 * name.Count(char.IsLetter),
                $"\"{name}\" is shown \"{shown}\"");
        }
    }
}
