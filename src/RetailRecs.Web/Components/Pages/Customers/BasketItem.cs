namespace RetailRecs.Web.Components.Pages.Customers;

/// <summary>A product the customer at the counter is buying, in the basket builder.</summary>
public sealed record BasketItem(int ProductId, string Sku, string Name, decimal? Price);
