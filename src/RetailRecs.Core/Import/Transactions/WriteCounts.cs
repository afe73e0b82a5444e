namespace RetailRecs.Core.Import.Transactions;

/// <summary>What a commit added, and how many lines were already stored (a re-imported overlap changes nothing).</summary>
public sealed record WriteCounts(int ProductsAdded, int CustomersAdded, int OrdersAdded, int LinesAdded, int LinesAlreadyStored);
