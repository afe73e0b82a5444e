namespace RetailRecs.Core.Import;

/// <summary>Column sizes of the database that imported text must fit (see the entity configurations).</summary>
internal static class TransactionCleanerLimits
{
    public const int Sku = 64, Invoice = 32, CustomerCode = 64, Description = 2000;
}
