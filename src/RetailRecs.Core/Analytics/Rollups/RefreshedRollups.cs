namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>What one <see cref="SalesRollup.RefreshAsync(Microsoft.EntityFrameworkCore.IDbContextFactory{Data.RetailDbContext}, CancellationToken)"/> did.</summary>
/// <param name="Months">Dirty months recomputed from their lines by this call (not those another instance did meanwhile).</param>
/// <param name="PendingOrders">The events API's orders stored while the rollups were busy (a refresh, or other sales past
/// a till's patience), added since as deltas (<see cref="PendingSales"/>; PostgreSQL only).</param>
public sealed record RefreshedRollups(int Months, int PendingOrders);
