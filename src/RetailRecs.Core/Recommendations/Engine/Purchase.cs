namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// One product in one sales basket (an order that is not a cancellation), quantities of the same product summed.
/// <see cref="Customer"/> is -1 for a guest sale: it counts for popularity and "bought together", never for personalisation.
/// </summary>
public readonly record struct Purchase(int Customer, int Item, int Basket, int Day, float Quantity);
