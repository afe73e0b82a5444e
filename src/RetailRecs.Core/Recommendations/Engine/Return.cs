namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>Units of a product a customer sent back over the window (a cancellation invoice), as a positive number.</summary>
public readonly record struct Return(int Customer, int Item, float Quantity);
