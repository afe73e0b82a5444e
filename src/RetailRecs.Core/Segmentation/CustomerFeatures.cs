namespace RetailRecs.Core.Segmentation;

/// <summary>
/// What segmentation knows about one customer, in retail terms, before any encoding: behaviour from their sales and
/// demographics where the retailer supplied them (null when not).
/// </summary>
/// <param name="Frequency">Orders placed (cancellations not counted).</param>
/// <param name="Monetary">Net spend: bought minus returned, never below zero.</param>
/// <param name="ReturnRate">Share of the value bought that came back (0–1).</param>
/// <param name="CategoryShares">Share of the customer's spend per category (categories beyond the top few pooled as "Other").</param>
public sealed record CustomerFeatures(
    int CustomerId,
    int RecencyDays,
    int Frequency,
    double Monetary,
    double AverageBasketItems,
    double AverageBasketValue,
    double ReturnRate,
    int TenureDays,
    string? Country,
    string? AgeBand,
    string? Gender,
    string? Region,
    IReadOnlyDictionary<string, double> CategoryShares);
