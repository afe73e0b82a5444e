using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Customers;

public class CustomerSearchTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        db.Customers.AddRange(
            new Customer { CustomerCode = "17850", FirstName = "Ada", LastName = "Lovelace", Email = "ada.lovelace@example.com", Phone = "07700 900123", LoyaltyNumber = "RR12345678", Country = "United Kingdom" },
            new Customer { CustomerCode = "12583", FirstName = "Blaise", LastName = "Pascal", Email = "blaise@example.org", Phone = "07700 900456", LoyaltyNumber = "RR87654321", Country = "France" },
            new Customer { CustomerCode = "13047", FirstName = "Adam", LastName = "Smith", Email = "adam.smith@example.net", Phone = "07700 900789", Country = "United Kingdom" },
            new Customer { CustomerCode = "14001", FirstName = "Jany", LastName = "Reynolds", Phone = "07700 900135", Country = "United Kingdom" },
            new Customer { CustomerCode = "15002", FirstName = "Marie", LastName = "Curie", Phone = "+33 6 12 34 56 78", Country = "France" },
            new Customer { CustomerCode = "16003", FirstName = "Émile", LastName = "O'Brien-Zola", Email = "Emile.Zola@Example.FR", Country = "France" },
            new Customer { CustomerCode = "17004", FirstName = "Vincent", LastName = "van Gogh", Phone = "(555) 123-4567", LoyaltyNumber = "RR55501234", Country = "Netherlands" },
            new Customer { CustomerCode = "18005", FirstName = "Mary Ann", LastName = "Evans", Phone = "447700900246", Country = "United Kingdom" },
            new Customer { CustomerCode = "19006", FirstName = "Łukasz", LastName = "Wróbel", Country = "Poland" },
            new Customer { CustomerCode = "19007", FirstName = "Søren", LastName = "Kierkegaard", Country = "Denmark" },
            new Customer { CustomerCode = "19008", FirstName = "Johann", LastName = "Strauß", Country = "Austria" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<string[]> Names(string text) => (await _database.Get<CustomerSearch>().SearchAsync(text)).Select(h => h.Name).ToArray();

    [Theory]
    [InlineData("ada", new[] { "Ada Lovelace", "Adam Smith" })]
    [InlineData("LOVE", new[] { "Ada Lovelace" })]
    [InlineData("ada love", new[] { "Ada Lovelace" })]
    [InlineData("  Blaise  ", new[] { "Blaise Pascal" })]
    [InlineData("blaise@example", new[] { "Blaise Pascal" })]
    [InlineData("07700900456", new[] { "Blaise Pascal" })]
    [InlineData("900 789", new[] { "Adam Smith" })]
    [InlineData("rr1234", new[] { "Ada Lovelace" })]
    [InlineData("1304", new[] { "Adam Smith" })]
    public async Task SearchAsync_PartialInputInAnyCaseOrSpacing_FindsThePerson(string text, string[] expected) =>
        Assert.Equal(expected, await Names(text));

    [Theory]
    [InlineData("+44 7700 900135")]
    [InlineData("+447700900135")]
    [InlineData("0044 7700 900135")]
    [InlineData("+44 (0)7700 900135")]
    [InlineData("Reynolds, Jany")]
    [InlineData("reynolds,jany")]
    public async Task SearchAsync_PhoneWithCountryCodeOrSurnameFirst_FindsThePerson(string text) =>
        Assert.Equal(["Jany Reynolds"], await Names(text));

    /// <summary>Names of more than one word typed whole, a loyalty number read out in groups, numbers stored bare.</summary>
    [Theory]
    [InlineData("Vincent van Gogh", "Vincent van Gogh")]
    [InlineData("vincent van g", "Vincent van Gogh")]
    [InlineData("van Gogh, Vincent", "Vincent van Gogh")]
    [InlineData("mary ann evans", "Mary Ann Evans")]
    [InlineData("RR 5550 1234", "Vincent van Gogh")]
    [InlineData("rr 555", "Vincent van Gogh")]
    [InlineData("+1 555 123 4567", "Vincent van Gogh")]
    [InlineData("+44 7700 900246", "Mary Ann Evans")]
    [InlineData("0044 7700 900246", "Mary Ann Evans")]
    public async Task SearchAsync_NamesOfSeveralWordsGroupedNumbersBareNumbers_FindThePerson(string text, string expected) =>
        Assert.Equal([expected], await Names(text));

    [Theory]
    [InlineData("06 12 34 56 78")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("0033612345678")]
    public async Task SearchAsync_PhoneStoredWithCountryCode_FoundFromEitherForm(string text) =>
        Assert.Equal(["Marie Curie"], await Names(text));

    [Theory]
    [InlineData("+44 7700 900999")]
    [InlineData("+44 7700 9001")]
    public async Task SearchAsync_AnotherWholeNumber_FindsNobody(string text) => Assert.Empty(await Names(text));

    [Theory]
    [InlineData("emile")]
    [InlineData("ÉMI")]
    [InlineData("obrien")]
    [InlineData("OBrien-Zola")]
    [InlineData("o'bri emile")]
    [InlineData("EMILE.ZOLA@")]
    public async Task SearchAsync_AccentsApostrophesHyphensOrCapitals_FindThePersonAsWritten(string text) =>
        Assert.Equal(["Émile O'Brien-Zola"], await Names(text));

    /// <summary>Letters Unicode does not decompose, typed as a keyboard without them types them, or as written.</summary>
    [Theory]
    [InlineData("lukasz", "Łukasz Wróbel")]
    [InlineData("Łukasz", "Łukasz Wróbel")]
    [InlineData("lukasz wrobel", "Łukasz Wróbel")]
    [InlineData("soren", "Søren Kierkegaard")]
    [InlineData("SØREN", "Søren Kierkegaard")]
    [InlineData("strauss", "Johann Strauß")]
    [InlineData("Strauß", "Johann Strauß")]
    public async Task SearchAsync_LettersWithoutADecomposition_FoundTypedPlainOrAsWritten(string text, string expected) =>
        Assert.Equal([expected], await Names(text));

    [Fact]
    public async Task SearchAsync_ContactDetailsChangedAndSaved_FoundByTheNewOnesOnly()
    {
        await using (var db = _database.CreateContext())
        {
            var ada = db.Customers.Single(c => c.CustomerCode == "17850");
            (ada.LastName, ada.Phone) = ("King", "07700 900999");
            await db.SaveChangesAsync();
        }
        Assert.Equal(["Ada King"], await Names("king"));
        Assert.Equal(["Ada King"], await Names("900 999"));
        Assert.Empty(await Names("lovelace"));
        Assert.Empty(await Names("900 123"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("zzz")]
    public async Task SearchAsync_TooShortOrUnknown_FindsNobody(string text) => Assert.Empty(await Names(text));
}

public class ContactMaskTests
{
    [Fact]
    public void Masks_ShowEnoughToConfirm_NotEnoughToCopy()
    {
        Assert.Equal("a•••@example.com", ContactMask.Email("ada.lovelace@example.com"));
        Assert.Equal("••• ••• 123", ContactMask.Phone("07700 900123"));
        Assert.Equal("••••••5678", ContactMask.LoyaltyNumber("RR12345678"));
        Assert.Null(ContactMask.Email(null));
    }
}

public class CustomerCardServiceTests
{
    [Fact]
    public async Task OpenAsync_Customer_ReturnsTheFigures_AndAuditsTheView()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mug = Product("MUG", "Mug");
        var post = Product("POST", "Postage");
        post.IsNonMerchandise = true;
        var ada = new Customer { CustomerCode = "1", FirstName = "Ada", LastName = "Lovelace" };
        await using (var db = database.CreateContext())
        {
            db.AddRange(
                Order("1", ada, new DateTime(2011, 1, 3, 10, 0, 0), (mug, 4, 2.50m), (post, 1, 5m)),
                Order("2", ada, new DateTime(2011, 2, 3, 10, 0, 0), (mug, 2, 2.50m)),
                Order("C3", ada, new DateTime(2011, 2, 4, 10, 0, 0), (mug, -1, 2.50m)));
            await db.SaveChangesAsync();
        }

        var card = await database.Get<CustomerCardService>().OpenAsync(ada.Id, new StaffActor("staff-1", "alex@store.example"), today: new DateTime(2011, 2, 14));

        Assert.NotNull(card);
        Assert.Equal(("Ada Lovelace", 2, 17.50m), (card.Name, card.Orders, card.LifetimeValue)); // 15 + 5 - 2.50
        Assert.Equal(10, card.DaysSinceLastVisit);
        Assert.Equal(("MUG", 5, 2), card.Favourites.Select(f => (f.Sku, f.Units, f.Orders)).Single()); // 6 bought, 1 returned; postage is not a favourite
        Assert.Equal(["C3", "2", "1"], card.RecentOrders.Select(o => o.InvoiceNumber));
        await using var check = database.CreateContext();
        var audit = check.AuditEntries.Single();
        Assert.Equal((CustomerCardService.ViewedAction, "Customer", ada.Id.ToString(), "staff-1"), (audit.Action, audit.EntityType, audit.EntityId, audit.UserId));
    }

    /// <summary>
    /// A jacket exchanged for a shirt (the return a negative line of the new invoice) is no favourite ("2 orders, 0
    /// units" said it was), and a product on two lines of one invoice was bought in one order, not two.
    /// </summary>
    [Fact]
    public async Task OpenAsync_ExchangeAndRepeatedLines_FavouritesCountOrdersAndKeptUnits()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (jacket, shirt, mug) = (Product("JACKET", "Jacket"), Product("SHIRT", "Shirt"), Product("MUG", "Mug"));
        var ada = new Customer { CustomerCode = "1", FirstName = "Ada", LastName = "Lovelace" };
        await using (var db = database.CreateContext())
        {
            db.AddRange(
                Order("1", ada, new DateTime(2011, 1, 3, 10, 0, 0), (jacket, 1, 40m), (mug, 2, 2.50m), (mug, 1, 2.50m)),
                Order("2", ada, new DateTime(2011, 1, 9, 10, 0, 0), (jacket, -1, 40m), (shirt, 1, 40m)));
            await db.SaveChangesAsync();
        }

        var card = (await database.Get<CustomerCardService>().OpenAsync(ada.Id, StaffActor.System, today: new DateTime(2011, 2, 14)))!;

        Assert.Equal([("MUG", 3, 1), ("SHIRT", 1, 1)], card.Favourites.Select(f => (f.Sku, f.Units, f.Orders)).OrderBy(f => f.Sku));
    }

    /// <summary>
    /// A history imported without prices, then a till's priced sale: the unpriced order's value is unknown, not £0.00
    /// (as the card showed before 2026-12-06), and the lifetime value counts the priced sales only, saying so.
    /// </summary>
    [Fact]
    public async Task OpenAsync_HistoryWithoutPricesThenAPricedSale_ValuesOnlyThePricedOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mug = Product("MUG", "Mug");
        var ada = new Customer { CustomerCode = "1", FirstName = "Ada", LastName = "Lovelace" };
        await using (var db = database.CreateContext())
        {
            var history = Order("B1", ada, new DateTime(2011, 1, 3), (mug, 2, 0m));
            history.Lines.Single().UnitPrice = null;
            history.RefreshTotals();
            db.AddRange(history, Order("TILL-1", ada, new DateTime(2011, 2, 3, 10, 0, 0), (mug, 1, 2.50m)));
            await db.SaveChangesAsync();
        }

        var card = (await database.Get<CustomerCardService>().OpenAsync(ada.Id, StaffActor.System, today: new DateTime(2011, 2, 14)))!;

        Assert.Equal((true, true, 2.50m), (card.ValueKnown, card.SomeValuesUnknown, card.LifetimeValue));
        Assert.Equal([("TILL-1", true), ("B1", false)], card.RecentOrders.Select(o => (o.InvoiceNumber, o.ValueKnown)));
    }

    [Fact]
    public async Task OpenAsync_UnknownCustomer_IsNull_AndNothingIsAudited()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Null(await database.Get<CustomerCardService>().OpenAsync(999, StaffActor.System));

        await using var check = database.CreateContext();
        Assert.Empty(check.AuditEntries);
    }
}
