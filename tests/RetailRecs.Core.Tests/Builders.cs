using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests;

/// <summary>Small hand-made data sets whose figures can be worked out on paper.</summary>
internal static class Builders
{
    public static Product Product(string sku, string name, decimal price = 1m) => new() { Sku = sku, Name = name, UnitPrice = price };

    public static Order Order(string invoice, Customer? customer, DateTime placedAt, params (Product Product, int Quantity, decimal Price)[] lines)
    {
        var order = new Order
        {
            InvoiceNumber = invoice,
            Customer = customer,
            PlacedAt = placedAt,
            IsCancellation = invoice.StartsWith('C'),
            Lines = lines.Select((l, i) => new OrderLine { LineNumber = i + 1, Product = l.Product, Quantity = l.Quantity, UnitPrice = l.Price }).ToList(),
        };
        order.RefreshTotals();
        return order;
    }

    /// <summary>A one-line order whose line carries no price (a history imported without prices, a till that leaves them out).</summary>
    public static Order UnpricedOrder(string invoice, Customer? customer, DateTime placedAt, Product product, int quantity)
    {
        var order = Order(invoice, customer, placedAt, (product, quantity, 0m));
        order.Lines.Single().UnitPrice = null;
        order.RefreshTotals();
        return order;
    }

    /// <summary>Stores two trained best-seller runs (no model stored) and returns their ids, the older first.</summary>
    public static async Task<(int Older, int Newer)> TwoPopularityRunsAsync(Core.Data.RetailDbContext db)
    {
        var runs = new[]
        {
            new ModelRun { Algorithm = Core.Recommendations.Engine.AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, StartedBy = "test" },
            new ModelRun { Algorithm = Core.Recommendations.Engine.AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, StartedBy = "test" },
        };
        db.ModelRuns.AddRange(runs);
        await db.SaveChangesAsync();
        return (runs[0].Id, runs[1].Id);
    }
}
