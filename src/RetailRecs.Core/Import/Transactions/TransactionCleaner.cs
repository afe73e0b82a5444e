using System.Diagnostics;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Import.Mapping;
using RetailRecs.Core.Import.Tabular;
using F = RetailRecs.Core.Import.Mapping.TransactionFields;
using R = RetailRecs.Core.Import.Cleaning.CleaningRules;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Reads a transactions file row by row and applies every cleaning rule (see <see cref="CleaningRules"/>),
/// building what would be stored and a report of each rule's count and examples. Stores nothing.
/// </summary>
public static class TransactionCleaner
{
    public const int MaxSkuLength = 64, MaxInvoiceLength = 32, MaxCustomerLength = 64, MaxDescriptionLength = 2000;
    private const int ProgressEvery = 20_000;

    public static TransactionBatch Clean(TabularFile file, ColumnMapping mapping, DateTime now,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var report = new CleaningReport();
        var batch = new TransactionBatch { Report = report };
        Describe(file, mapping, report);

        // The date order of slash dates is decided once, from the file's first dates.
        var buffered = new List<TabularRow>();
        using var rows = file.Rows.GetEnumerator();
        var dateColumn = mapping.ColumnOf(F.InvoiceDate);
        while (buffered.Count < 1000 && rows.MoveNext())
        {
            buffered.Add(rows.Current);
        }
        var dates = FlexibleDate.Detect(buffered.Where(r => dateColumn < r.Cells.Length).Select(r => r.Cells[dateColumn]));
        report.Notes.Add($"Dates read as {dates.Describe}.");

        var state = new State(mapping, file.Header.Count, dates, now.AddDays(1), batch);
        var clock = Stopwatch.StartNew();
        foreach (var row in buffered.Concat(Rest(rows)))
        {
            state.Add(row);
            if (++report.RowsRead % ProgressEvery == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress("Reading and cleaning", report.RowsRead, clock.Elapsed));
            }
        }
        if (report.RowsRead == 0)
        {
            throw new ImportException("The file has a header but no rows: there is nothing to import.");
        }
        state.Finish();
        report.RowsKept = batch.LineCount;
        progress?.Report(new ImportProgress("Reading and cleaning", report.RowsRead, clock.Elapsed));
        return batch;
    }

    private static IEnumerable<TabularRow> Rest(IEnumerator<TabularRow> rows)
    {
        while (rows.MoveNext())
        {
            yield return rows.Current;
        }
    }

    private static void Describe(TabularFile file, ColumnMapping mapping, CleaningReport report)
    {
        report.DescribeFile(file, mapping);
        if (!mapping.Has(F.StockCode))
            report.Notes.Add("No product code column: each product is identified by its normalised description.");
        if (!mapping.Has(F.InvoiceNo))
            report.Notes.Add("No invoice column: a customer's lines with the same date and time form one basket.");
        if (!mapping.Has(F.Quantity))
            report.Notes.Add("No quantity column: every line counts as one unit.");
        if (!mapping.Has(F.UnitPrice))
            report.Notes.Add("No price column: revenue is unknown (not zero) for these lines.");
        if (!mapping.Has(F.CustomerId))
            report.Notes.Add("No customer column: every line is an anonymous sale, kept for product statistics only.");
        if (!mapping.Has(F.Description) && !mapping.Has(F.StockCode))
            throw new ImportException("The file has neither a product code nor a description column, so its lines name no product. Map one of them.");
    }

    /// <summary>The running state of one pass over the rows.</summary>
    private sealed class State(ColumnMapping mapping, int columns, FlexibleDate dates, DateTime latestAllowed, TransactionBatch batch)
    {
        private readonly CleaningReport _report = batch.Report;
        private readonly RowCleaner _text = new(mapping, batch.Report);
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<(string Sku, OrderDraft Order, int Index)> _linesWithoutDescription = [];
        private readonly int _quantity = mapping.ColumnOf(F.Quantity), _date = mapping.ColumnOf(F.InvoiceDate),
            _price = mapping.ColumnOf(F.UnitPrice), _country = mapping.ColumnOf(F.Country);

        public void Add(TabularRow row)
        {
            var cells = row.Cells;
            if (cells.Length != columns)
            {
                _report.Rejected(R.WrongColumnCount, row.RowNumber, cells, $"{cells.Length} columns, the header has {columns}");
                return;
            }

            var description = _text.Text(F.Description, cells);
            var skuText = _text.Text(F.StockCode, cells);
            var invoiceText = _text.Text(F.InvoiceNo, cells);
            var customer = _text.Text(F.CustomerId, cells);
            if (description?.Length > MaxDescriptionLength || skuText?.Length > MaxSkuLength || invoiceText?.Length > MaxInvoiceLength || customer?.Length > MaxCustomerLength)
            {
                _report.Rejected(R.TooLong, row.RowNumber, cells, "description over 2000 or code over 64 characters");
                return;
            }
            if (description is not null && description.Length > 0 && description[0] is '=' or '+' or '@' or '-' && description.Length > 1 && !char.IsDigit(description[1]))
            {
                _report.Applied(R.FormulaText, $"row {row.RowNumber}");
            }

            if (!dates.TryParse(cells[_date], out var placedAt))
            {
                _report.Rejected(R.Unreadable, row.RowNumber, cells, $"date '{Short(cells[_date])}'");
                return;
            }
            if (placedAt > latestAllowed)
            {
                _report.Rejected(R.FutureDate, row.RowNumber, cells, placedAt.ToString("yyyy-MM-dd"));
                return;
            }

            var quantity = 1;
            if (_quantity >= 0 && !FlexibleNumber.TryParseInt(cells[_quantity], out quantity))
            {
                _report.Rejected(R.Unreadable, row.RowNumber, cells, $"quantity '{Short(cells[_quantity])}'");
                return;
            }
            if (quantity == 0)
            {
                _report.Rejected(R.ZeroQuantity, row.RowNumber, cells);
                return;
            }

            decimal? price = null;
            if (_price >= 0)
            {
                if (!FlexibleNumber.TryParseDecimal(cells[_price], out var parsed))
                {
                    _report.Rejected(R.Unreadable, row.RowNumber, cells, $"price '{Short(cells[_price])}'");
                    return;
                }
                price = parsed;
            }

            var isReturn = quantity < 0 || (invoiceText is { Length: > 0 } && invoiceText[0] is 'C' or 'c');
            if (price <= 0 && !isReturn)
            {
                _report.Rejected(R.NonPositivePrice, row.RowNumber, cells, price.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            }

            var sku = skuText?.ToUpperInvariant() ?? SkuFromDescription(description);
            if (sku is null)
            {
                _report.Rejected(R.Unreadable, row.RowNumber, cells, "no product code and no description");
                return;
            }

            // Exact duplicates: every mapped value equal to an earlier line's.
            if (!_seen.Add(string.Join('\u001F', cells)))
            {
                _report.Applied(R.DuplicateRemoved, $"row {row.RowNumber}");
                return;
            }

            customer = customer is null ? null : CustomerCode(customer);
            if (customer is null)
            {
                _report.Applied(R.AnonymousSale);
            }
            else if (!batch.CustomerCountries.ContainsKey(customer) || batch.CustomerCountries[customer] is null)
            {
                batch.CustomerCountries[customer] = Country(cells, row.RowNumber);
            }

            var invoice = invoiceText ?? $"{customer ?? "guest"}@{placedAt:yyyyMMddHHmmss}";
            if (!batch.Orders.TryGetValue(invoice, out var order))
            {
                batch.Orders[invoice] = order = new OrderDraft(invoice, customer, placedAt, invoiceText is { Length: > 0 } && invoiceText[0] is 'C' or 'c');
            }
            if (isReturn)
            {
                _report.Applied(R.Return, $"row {row.RowNumber}");
            }

            if (!batch.Products.TryGetValue(sku, out var product))
            {
                batch.Products[sku] = product = new ProductDraft(sku) { IsNonMerchandise = NonMerchandiseCodes.IsNonMerchandise(sku) };
            }
            if (product.IsNonMerchandise)
            {
                _report.Applied(R.NonMerchandise, sku);
            }
            if (description is not null)
            {
                product.Descriptions[description] = product.Descriptions.GetValueOrDefault(description) + 1;
            }
            else
            {
                _linesWithoutDescription.Add((sku, order, order.Lines.Count));
            }
            if (price > 0 && !isReturn)
            {
                product.Prices[price.Value] = product.Prices.GetValueOrDefault(price.Value) + 1;
            }
            order.Lines.Add(new LineDraft(order.Lines.Count + 1, sku, quantity, price));
        }

        /// <summary>Names each product after its most frequent description and prices it at its most frequent sale price.</summary>
        public void Finish()
        {
            // A C-invoice is a cancellation; so is an invoice whose lines all go back (a return without the C).
            // A mixed invoice stays a sale: its negative lines are netted by their sign.
            foreach (var order in batch.Orders.Values)
            {
                order.IsCancellation |= order.Lines.All(l => l.Quantity < 0);
            }
            foreach (var product in batch.Products.Values)
            {
                product.Name = product.Descriptions.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key).FirstOrDefault();
                product.UnitPrice = product.Prices.Count == 0 ? null : product.Prices.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
            }
            foreach (var (sku, _, _) in _linesWithoutDescription)
            {
                if (batch.Products[sku].Name is not null)
                {
                    _report.Applied(R.DescriptionFilled, sku);
                }
                else
                {
                    _report.Applied(R.DescriptionUnknown, sku);
                }
            }
        }

        private string? Country(string[] cells, int rowNumber)
        {
            var (name, changed) = CountryNames.Normalise(_text.Text(F.Country, cells));
            if (changed)
            {
                _report.Applied(R.CountryNormalised, $"row {rowNumber}: {Short(cells[_country])} → {name ?? "unknown"}");
            }
            return name;
        }

        private static string? SkuFromDescription(string? description)
        {
            if (description is null)
            {
                return null;
            }
            var key = description.ToUpperInvariant();
            return key.Length <= MaxSkuLength ? key : $"{key[..(MaxSkuLength - 9)]}~{Common.StableHash.Of(key):X8}";
        }

        // Spreadsheet exports often turn 17850 into "17850.0".
        private static string CustomerCode(string raw) => raw.EndsWith(".0", StringComparison.Ordinal) ? raw[..^2] : raw;

        private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
    }
}
