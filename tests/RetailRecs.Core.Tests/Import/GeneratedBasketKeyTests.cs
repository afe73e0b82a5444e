using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;

namespace RetailRecs.Core.Tests.Import;

public class GeneratedBasketKeyTests
{
    [Fact]
    public async Task Is_KeysTheImportMadeForAFileWithoutInvoices_AreRecognised()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("tills.csv",
            "Member_number,Date,itemDescription\n" +
            "1808,21-07-2015,whole milk\n" +        // a member's basket of the day
            ",21-07-2015,rolls/buns\n" +            // an anonymous line without a time: a basket of its own
            ",21-07-2015 10:15,yogurt\n");          // an anonymous line with a time
        await f.ImportAsync(path);
        await using var db = f.Database.CreateContext();

        var keys = await db.Orders.Select(o => o.InvoiceNumber).ToListAsync();

        Assert.Equal(3, keys.Count);
        Assert.All(keys, k => Assert.True(GeneratedBasketKey.Is(k), k));
    }

    [Theory]
    [InlineData("536365")]
    [InlineData("C536379")]
    [InlineData("B2011-0042")]
    public void Is_RealInvoiceNumbers_AreNot(string invoice) => Assert.False(GeneratedBasketKey.Is(invoice));
}
