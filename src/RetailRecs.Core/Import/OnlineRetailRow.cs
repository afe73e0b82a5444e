namespace RetailRecs.Core.Import;

/// <summary>One line of the UCI Online Retail export, parsed but not yet cleaned.</summary>
public sealed record OnlineRetailRow(
    int RowNumber,
    string InvoiceNo,
    string StockCode,
    string? Description,
    int Quantity,
    DateTime InvoiceDate,
    decimal UnitPrice,
    string? CustomerId,
    string? Country)
{
    public bool IsCancellation => InvoiceNo.StartsWith('C') || InvoiceNo.StartsWith('c');
}
