namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// Units of a product a customer sent back (a cancellation invoice), as a positive number, on <see cref="Day"/> (null:
/// undated, netted against every cut of the sales).
/// </summary>
public readonly record struct Return(int Customer, int Item, float Quantity, int? Day = null);
