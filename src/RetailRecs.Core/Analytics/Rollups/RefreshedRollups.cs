namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>What one <see cref="SalesRollup.RefreshAsync(Microsoft.EntityFrameworkCore.IDbContextFactory{Data.RetailDbContext}, CancellationToken)"/> did.</summary>
/// <param name="Months">Dirty months recomputed from their lines.</param>
/// <param name="PendingOrders">The events API's orders stored while a refresh held the rollups, added since as deltas
/// (<see cref="PendingSales"/>; PostgreSQL only).</param>
public sealed record RefreshedRollups(int Months, int PendingOrders);
