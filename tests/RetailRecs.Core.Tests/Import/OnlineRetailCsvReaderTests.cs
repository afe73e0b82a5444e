using RetailRecs.Core.Import;

namespace RetailRecs.Core.Tests.Import;

public class OnlineRetailCsvReaderTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public void Read_QuotedDescriptionWithComma_KeepsItWhole()
    {
        var result = OnlineRetailCsvReader.Read(new StringReader(Header + "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311,United Kingdom\n"));

        var row = Assert.Single(result.Rows);
        Assert.Equal("AIRLINE LOUNGE,METAL SIGN", row.Description);
        Assert.Equal(2.1m, row.UnitPrice);
        Assert.Equal(new DateTime(2010, 12, 1, 9, 41, 0), row.InvoiceDate);
        Assert.Equal("15311", row.CustomerId);
    }

    [Fact]
    public void Read_UnparsableQuantity_ReportsTheRowAndKeepsTheRest()
    {
        var result = OnlineRetailCsvReader.Read(new StringReader(Header +
            "536365,85123A,HEART,six,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536365,71053,LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n"));

        Assert.Single(result.Rows);
        var (rowNumber, reason) = Assert.Single(result.Unreadable);
        Assert.Equal(2, rowNumber);
        Assert.Contains("six", reason);
    }

    [Fact]
    public void Read_MissingColumn_NamesTheMissingColumn()
    {
        var error = Assert.Throws<InvalidDataException>(() => OnlineRetailCsvReader.Read(new StringReader("InvoiceNo,StockCode,Quantity\n1,2,3\n")));

        Assert.Contains("InvoiceDate", error.Message);
        Assert.Contains("UnitPrice", error.Message);
    }

    [Fact]
    public void Read_GuestLineAndCancellation_AreRecognised()
    {
        var result = OnlineRetailCsvReader.Read(new StringReader(Header + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,,United Kingdom\n"));

        var row = Assert.Single(result.Rows);
        Assert.True(row.IsCancellation);
        Assert.Null(row.CustomerId);
    }
}
