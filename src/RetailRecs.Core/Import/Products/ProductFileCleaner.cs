using System.Globalization;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Import.Mapping;
using RetailRecs.Core.Import.Tabular;
using RetailRecs.Core.Model;
using F = RetailRecs.Core.Import.Mapping.ProductFields;
using R = RetailRecs.Core.Import.Cleaning.CleaningRules;

namespace RetailRecs.Core.Import.Products;

/// <summary>Cleans a catalog file into one record per SKU (the last row of a SKU wins), with the report.</summary>
public static class ProductFileCleaner
{
    public static (IReadOnlyList<ProductRecord> Products, CleaningReport Report) Clean(TabularFile file, ColumnMapping mapping,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default, int maxKeptRejections = CleaningReport.DefaultMaxKeptRejections)
    {
        var report = new CleaningReport(maxKeptRejections);
        report.DescribeFile(file, mapping);
        report.Notes.Add("Products already stored are updated with the values this file gives; fields it does not have are left as they were.");
        if (!mapping.Has(F.StockCode) && !mapping.Has(F.Description))
        {
            throw new ImportException("The file has neither a product code nor a product name column, so its rows name no product. Map one of them.");
        }
        // As the sales of a shop without codes: its products were created under their names. (A blank code in a file
        // that has codes is still refused: a product named anew would be one no sale of that shop knows.)
        var byName = !mapping.Has(F.StockCode);
        if (byName)
        {
            report.Notes.Add("No product code column: each product is identified by its normalised name, as sales without codes identify it.");
        }
        var rows = new RowCleaner(mapping, report);
        var bySku = new Dictionary<string, ProductRecord>(StringComparer.Ordinal);
        // Catalogs are small: read them whole, so the decimal separator is decided from every price.
        var all = file.Rows.ToList();
        var priceColumn = mapping.ColumnOf(F.UnitPrice);
        var decimalComma = priceColumn >= 0 && FlexibleNumber.DetectDecimalComma(all.Where(r => priceColumn < r.Cells.Length).Select(r => r.Cells[priceColumn]));

        rows.ForEach(all, row =>
        {
            var cells = row.Cells;
            var name = rows.Text(F.Description, cells);
            var sku = byName ? DescriptionSku.Of(name) : RetailCode.OrNull(rows.Text(F.StockCode, cells));
            if (sku is null)
            {
                report.Rejected(R.Unreadable, row.RowNumber, cells, byName ? "no product name" : "no product code");
                return;
            }
            if (sku.Length > TransactionCleanerLimits.Sku || name?.Length > TransactionCleanerLimits.Description)
            {
                report.Rejected(R.TooLong, row.RowNumber, cells, "code over 64 or name over 2000 characters");
                return;
            }
            decimal? price = null;
            if (rows.Text(F.UnitPrice, cells) is { } priceText)
            {
                if (!FlexibleNumber.TryParseDecimal(priceText, decimalComma, out var parsed) || parsed > 1_000_000_000m)
                {
                    report.Rejected(R.Unreadable, row.RowNumber, cells, $"price '{priceText}'");
                    return;
                }
                if (parsed <= 0)
                {
                    report.Rejected(R.NonPositivePrice, row.RowNumber, cells, parsed.ToString(CultureInfo.InvariantCulture));
                    return;
                }
                price = parsed;
            }
            var category = Category(rows.Text(F.Category, cells), report, row.RowNumber);
            if (bySku.ContainsKey(sku))
            {
                report.Applied(R.DuplicateKey, $"row {row.RowNumber}: {sku}");
            }
            var brand = rows.Text(F.Brand, cells);
            var pictureText = rows.Text(F.Picture, cells);
            var picture = ProductPicture.Read(pictureText);
            if (pictureText is not null && picture is null)
            {
                report.Applied(R.PictureIgnored, $"row {row.RowNumber}: {sku}");
            }
            bySku[sku] = new ProductRecord(sku, name is { Length: > 256 } ? name[..255] + "…" : name, category,
                brand is { Length: > 128 } ? brand[..128] : brand, price, YesNo.Read(rows.Text(F.Sensitive, cells), report, row.RowNumber), picture,
                YesNo.Read(rows.Text(F.NonMerchandise, cells), report, row.RowNumber));
        }, progress, ct);

        report.RowsKept = bySku.Count;
        return (bySku.Values.ToList(), report);
    }

    /// <summary>"HOME DECOR " and "home decor" are one category: Title Case when the file shouts or whispers.</summary>
    private static string? Category(string? text, CleaningReport report, int rowNumber)
    {
        if (text is null || text.Length < 2 || (text != text.ToUpperInvariant() && text != text.ToLowerInvariant()))
        {
            return text?[..Math.Min(text.Length, 128)];
        }
        var titled = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant());
        report.Applied(R.CategoryNormalised, $"row {rowNumber}: {text} → {titled}");
        return titled[..Math.Min(titled.Length, 128)];
    }
}
