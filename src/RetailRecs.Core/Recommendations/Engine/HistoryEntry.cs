namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// What one customer did with one product over the training window.
/// </summary>
/// <param name="Item">Item index.</param>
/// <param name="Baskets">In how many of the customer's orders it appeared.</param>
/// <param name="Quantity">Units kept: bought minus returned.</param>
/// <param name="LastDay">Day number (<see cref="DateOnly.DayNumber"/>) of the last purchase.</param>
/// <param name="Affinity">Time-decayed interest: each order counts 1 on the day it happened, halving every half-life since.</param>
public readonly record struct HistoryEntry(int Item, int Baskets, float Quantity, int LastDay, float Affinity);
