using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.VisualBasic.FileIO;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Tests.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// Tills that send codes only (customer, date, invoice, product code; no description): no text means no text model and
/// no automatic categories, and every other model trains and the champion is chosen.
/// </summary>
public class TrainingWithoutTextTests
{
    /// <summary>The committed slice's purchases as such a till exports them.</summary>
    private static string CodesOnlyCsv()
    {
        using var gzip = new GZipStream(File.OpenRead(RepositoryPaths.SampleData), CompressionMode.Decompress);
        using var parser = new TextFieldParser(gzip) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var h = parser.ReadFields()!;
        var csv = new StringBuilder("CustomerID,InvoiceDate,InvoiceNo,StockCode\n");
        while (parser.ReadFields() is { } f)
        {
            var customer = f[Array.IndexOf(h, "CustomerID")];
            var invoice = f[Array.IndexOf(h, "InvoiceNo")];
            if (customer.Length > 0 && !invoice.StartsWith('C'))
            {
                csv.Append(customer).Append(',').Append(f[Array.IndexOf(h, "InvoiceDate")]).Append(',').Append(invoice).Append(',')
                    .Append(f[Array.IndexOf(h, "StockCode")]).Append('\n');
            }
        }
        return csv.ToString();
    }

    [Fact]
    public async Task TrainAsync_CodesOnly_SkipsTheTextModelTrainsTheOthersAndChoosesAChampion()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("codes.csv", CodesOnlyCsv()));

        var runs = await f.Database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest(AlgorithmNames.Trainable, TrainingWindow.All, new TrainingParameters(), "test"));

        var content = runs.Single(r => r.Algorithm == AlgorithmNames.Content);
        Assert.Equal(ModelRunStatus.Skipped, content.Status);
        Assert.Contains("no descriptions (only codes)", content.Error);
        Assert.All(runs.Where(r => r.Algorithm != AlgorithmNames.Content), r => Assert.Equal(ModelRunStatus.Succeeded, r.Status));
        await using var db = f.Database.CreateContext();
        Assert.Equal(1, await db.ModelRuns.CountAsync(r => r.IsChampion));
        Assert.Equal(0, await db.Products.CountAsync(p => p.AutoCategory != null));
    }

    [Fact]
    public async Task CategoriseAsync_FewDistinctTexts_GivesNoCategoriesAndSaysWhy()
    {
        await using var f = await ImportFixture.CreateAsync();
        var csv = new StringBuilder("Member_number,Date,itemDescription\n");
        for (var member = 1; member <= 30; member++)
        {
            foreach (var item in new[] { "whole milk", "rolls/buns", "yogurt", "soda", "other vegetables" })
            {
                csv.Append($"{member},0{1 + member % 9}-03-2015,{item}\n");
            }
        }
        await f.ImportAsync(f.WriteFile("five.csv", csv.ToString()));

        var outcome = await f.Database.Get<ProductCategoriser>().CategoriseAsync();

        Assert.Equal(0, outcome.Categorised);
        Assert.Contains("only 5 different product descriptions (at least 10 are needed)", outcome.SkippedBecause);
    }

    [Theory]
    [InlineData("85123A", "Item 85123A", true)]
    [InlineData("85123A", "85123A", true)]
    [InlineData("WHOLE MILK", "WHOLE MILK", false)]
    [InlineData("YOGURT", "yogurt", false)]
    [InlineData("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", false)]
    public void NameIsOnlyItsCode_PlaceholderOrBareCode_IsTrue_RealNameIsNot(string sku, string name, bool onlyCode) =>
        Assert.Equal(onlyCode, ProductText.NameIsOnlyItsCode(sku, name));
}
