using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Common;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Import.Mapping;
using RetailRecs.Core.Import.Tabular;
using RetailRecs.Core.Model;
using F = RetailRecs.Core.Import.Mapping.TransactionFields;
using R = RetailRecs.Core.Import.Cleaning.CleaningRules;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Reads a transactions file row by row and applies every cleaning rule (see <see cref="CleaningRules"/>),
/// building what would be stored and a report of each rule's count and examples. Stores nothing.
/// </summary>
public static class TransactionCleaner
{
    private const int ProgressEvery = 20_000, MinimumSample = 1000;
    /// <summary>Rows held while waiting for a date that settles the date order, before the file is read twice instead.</summary>
    internal const int MaxHeldRows = 100_000;
    /// <summary>Prices beyond this are typing errors, and would not fit SQL Server's decimal(18,4).</summary>
    private const decimal MaxPrice = 1_000_000_000m;

    /// <param name="reopen">
    /// Opens the same file again from its first row. Given, a file whose first <see cref="MaxHeldRows"/> rows do not
    /// settle the date order is read twice (its dates first, then its rows) instead of being held in memory.
    /// </param>
    /// <param name="chunkLines">
    /// Lines read before the orders so far are handed on as a chunk (at the next invoice, so an invoice written in one
    /// run of rows stays whole): the memory the import holds does not grow with the file.
    /// </param>
    /// <returns>The batch, whose <see cref="TransactionBatch.Chunks"/> read the file as they are enumerated.</returns>
    public static TransactionBatch Clean(TabularFile file, ColumnMapping mapping, DateTime now,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default, int maxKeptRejections = CleaningReport.DefaultMaxKeptRejections,
        Func<TabularFile>? reopen = null, int chunkLines = DefaultChunkLines, IReadOnlySet<string>? erased = null, DateOrder dateOrder = DateOrder.Detect)
    {
        var report = new CleaningReport(maxKeptRejections);
        var batch = new TransactionBatch { Report = report };
        Describe(file, mapping, report);
        batch.Chunks = Read(file, mapping, now, progress, ct, reopen, chunkLines, batch, erased ?? new HashSet<string>(), dateOrder);
        return batch;
    }

    /// <summary>Lines per chunk: tens of megabytes held at most, and few enough round trips to the database.</summary>
    public const int DefaultChunkLines = 50_000;

    private static IEnumerable<TransactionChunk> Read(TabularFile file, ColumnMapping mapping, DateTime now,
        IProgress<ImportProgress>? progress, CancellationToken ct, Func<TabularFile>? reopen, int chunkLines, TransactionBatch batch,
        IReadOnlySet<string> erased, DateOrder dateOrder)
    {
        var report = batch.Report;

        // Date order and decimal separator are decided once for the whole file. Rows are held back until a date settles
        // the order (a file of early-December sales written 12/1/2010 proves nothing until 12/13/2010; an ISO date
        // settles it at once) or the file ends.
        var dateColumn = mapping.ColumnOf(F.InvoiceDate);
        var buffered = new List<TabularRow>();
        var rows = file.Rows.GetEnumerator();
        var decided = dateOrder != DateOrder.Detect; // the user's choice settles it
        var readAgain = false;
        while (rows.MoveNext())
        {
            buffered.Add(rows.Current);
            decided |= dateColumn < rows.Current.Cells.Length && FlexibleDate.Settles(rows.Current.Cells[dateColumn]);
            if (buffered.Count >= MinimumSample && decided)
            {
                break;
            }
            if (buffered.Count % ProgressEvery == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (reopen is not null && buffered.Count >= MaxHeldRows)
            {
                readAgain = true;
                break;
            }
        }
        var numbers = Column(buffered, mapping.ColumnOf(F.UnitPrice)).Concat(Column(buffered, mapping.ColumnOf(F.Quantity))).ToList();
        var (decimalComma, separatorProven) = FlexibleNumber.Detect(numbers);
        var dates = FlexibleDate.For(dateOrder, () => readAgain
            ? Column(buffered, dateColumn).Concat(DatesUntilSettled(rows, dateColumn, ct))
            : Column(buffered, dateColumn));
        // A separator that proves nothing ("75.000") is read as a decimal point: said, with the value it became.
        var unproven = separatorProven ? null : numbers.FirstOrDefault(n => n.Contains('.') || n.Contains(','));
        report.Notes.Add($"Dates read as {dates.Describe}. Numbers read with a decimal {(decimalComma ? "comma (1.234,50)" : "point (1,234.50)")}" +
            (unproven is null ? "."
                : $", assumed: no price or quantity in the first rows shows which ('{unproven.Trim()}' read as " +
                  $"{(FlexibleNumber.TryParseDecimal(unproven, false, out var read) ? read.ToString("0.##########", CultureInfo.InvariantCulture) : "unreadable")}). " +
                  "If the file's prices have no cents and group thousands with a point (75.000), convert them before importing."));
        TabularFile? again = null;
        if (readAgain)
        {
            // Nothing in the first rows settled the date order: the rest of the file's dates were looked through without
            // holding its rows; now read the rows from the top, so memory stays flat however long the file.
            buffered.Clear();
            rows.Dispose();
            again = reopen!();
            rows = again.Rows.GetEnumerator();
        }
        using var disposeAgain = again;
        using var disposeRows = rows;

        var state = new State(mapping, dates, decimalComma, now.AddDays(1), batch, chunkLines, erased);
        var clock = Stopwatch.StartNew();
        foreach (var row in buffered.Concat(Rest(rows)))
        {
            state.Add(row);
            if (++report.RowsRead % ProgressEvery == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress("Reading and cleaning", report.RowsRead, clock.Elapsed));
            }
            if (state.TakeReadyChunk() is { } chunk)
            {
                yield return chunk;
            }
        }
        if (report.RowsRead == 0)
        {
            throw new ImportException("The file has a header but no rows: there is nothing to import.");
        }
        var last = state.CutChunk();
        state.Finish();
        report.RowsKept = batch.LineCount;
        progress?.Report(new ImportProgress("Reading and cleaning", report.RowsRead, clock.Elapsed));
        if (last.Orders.Count > 0)
        {
            yield return last;
        }
    }

    /// <summary>True for a cancellation invoice as the UCI export writes them: C followed by the original number.</summary>
    public static bool IsCancellationInvoice(string? invoice) =>
        invoice is { Length: > 1 } && invoice[0] is 'C' or 'c' && invoice.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// Whether an invoice with these lines is a cancellation: a C-invoice, or one whose lines all go back (a return
    /// without the C). A mixed invoice is a sale, its negative lines netted by their sign. Decided again when an import
    /// adds lines to a stored invoice (a receipt's sales after its returns, in a later chunk or a corrected export).
    /// </summary>
    public static bool IsCancellationOrder(string invoice, IEnumerable<int> quantities) =>
        IsCancellationInvoice(invoice) || quantities.All(q => q < 0);

    private static IEnumerable<string> Column(List<TabularRow> rows, int column) =>
        column < 0 ? [] : rows.Where(r => column < r.Cells.Length).Select(r => r.Cells[column]);

    /// <summary>The dates of the rows still to come, up to and including the first that settles the order.</summary>
    private static IEnumerable<string> DatesUntilSettled(IEnumerator<TabularRow> rows, int column, CancellationToken ct)
    {
        var n = 0;
        while (column >= 0 && rows.MoveNext())
        {
            if (++n % ProgressEvery == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (column < rows.Current.Cells.Length)
            {
                var date = rows.Current.Cells[column];
                yield return date;
                if (FlexibleDate.Settles(date))
                {
                    yield break;
                }
            }
        }
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
        if (!mapping.Has(F.Description) && !mapping.Has(F.StockCode))
            throw new ImportException("The file has neither a product code nor a description column, so its lines name no product. Map one of them.");
        if (!mapping.Has(F.StockCode))
            report.Notes.Add("No product code column: each product is identified by its normalised description.");
        if (!mapping.Has(F.InvoiceNo))
            report.Notes.Add("No invoice column: a customer's lines with the same date and time form one basket (an anonymous line without a time is a basket of its own).");
        if (!mapping.Has(F.Quantity))
            report.Notes.Add("No quantity column: every line counts as one unit.");
        if (!mapping.Has(F.UnitPrice))
            report.Notes.Add("No price column: revenue is unknown (not zero) for these lines.");
        if (!mapping.Has(F.CustomerId))
            report.Notes.Add("No customer column: every line is an anonymous sale, kept for product statistics only.");
    }

    /// <summary>The running state of one pass over the rows.</summary>
    private sealed class State(ColumnMapping mapping, FlexibleDate dates, bool decimalComma, DateTime latestAllowed, TransactionBatch batch, int chunkLines,
        IReadOnlySet<string> erased)
    {
        private readonly CleaningReport _report = batch.Report;
        private readonly RowCleaner _text = new(mapping, batch.Report);
        // The rows of the chunk being read: an exact duplicate repeats its invoice, which a chunk holds whole.
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        // Anonymous lines without a time, by day and content: their keys (BasketKey). Only files without invoice,
        // customer and time fill it, one entry per different line of a day.
        private readonly Dictionary<string, int> _sameLinesOfTheDay = new(StringComparer.Ordinal);
        // Each customer code's answer, hashed once per file rather than once per line (only when someone was erased).
        private readonly Dictionary<string, bool> _erasedByCode = new(StringComparer.Ordinal);

        private bool IsErased(string customer)
        {
            if (erased.Count == 0)
            {
                return false;
            }
            if (!_erasedByCode.TryGetValue(customer, out var answer))
            {
                _erasedByCode[customer] = answer = Privacy.ErasedCustomerCodes.IsErased(erased, customer);
            }
            return answer;
        }
        private readonly MissingDescriptions _linesWithoutDescription = new();
        private TransactionChunk? _ready;
        // This chunk's products, for the writer; their counts gathered over several chunks, then the batch's tally.
        private readonly Dictionary<string, ProductCounts.Seen> _chunkProducts = new(StringComparer.Ordinal);
        private readonly ProductCounts _products = new();
        // This chunk's customers' countries as the file has given them so far (earlier chunks' in the tally), and those
        // given for the first time in this chunk.
        private readonly Dictionary<string, string?> _countries = new(StringComparer.Ordinal);
        private readonly List<(string Code, string Country)> _countriesGiven = [];
        private readonly int _quantity = mapping.ColumnOf(F.Quantity), _date = mapping.ColumnOf(F.InvoiceDate),
            _price = mapping.ColumnOf(F.UnitPrice), _country = mapping.ColumnOf(F.Country);
        private int _dayFirstEvidence, _monthFirstEvidence;
        private (int Row, string Text)? _firstContradiction;

        public void Add(TabularRow row)
        {
            var cells = row.Cells;
            if (!_text.HasAllColumns(row))
            {
                return;
            }

            var description = _text.Text(F.Description, cells);
            var skuText = _text.Text(F.StockCode, cells);
            var invoiceText = RetailCode.OrNull(_text.Text(F.InvoiceNo, cells));
            var customer = _text.Text(F.CustomerId, cells);
            if (description?.Length > TransactionCleanerLimits.Description || skuText?.Length > TransactionCleanerLimits.Sku
                || invoiceText?.Length > TransactionCleanerLimits.Invoice || customer?.Length > TransactionCleanerLimits.CustomerCode)
            {
                _report.Rejected(R.TooLong, row.RowNumber, cells, "description over 2000, code over 64 or invoice over 32 characters");
                return;
            }
            if (description is { Length: > 1 } && description[0] is '=' or '+' or '@' or '-' && !char.IsDigit(description[1]))
            {
                _report.Applied(R.FormulaText, $"row {row.RowNumber}");
            }

            var evidence = FlexibleDate.Evidence(cells[_date]);
            if (evidence > 0) _dayFirstEvidence++;
            if (evidence < 0) _monthFirstEvidence++;
            if (evidence != 0 && dates.Chosen && evidence < 0 != dates.MonthFirst)
            {
                _firstContradiction ??= (row.RowNumber, Short(cells[_date]));
            }
            if (!dates.TryParse(cells[_date], out var placedAt))
            {
                _report.Rejected(R.Unreadable, row.RowNumber, cells, $"date '{Short(cells[_date])}'");
                return;
            }
            if (placedAt > latestAllowed)
            {
                _report.Rejected(R.FutureDate, row.RowNumber, cells, placedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            }

            var quantity = 1;
            decimal? weighed = null;
            if (_quantity >= 0 && !FlexibleNumber.TryParseInt(cells[_quantity], decimalComma, out quantity))
            {
                // A grocer's loose produce, fabric by the metre: one item of that weight, priced at the line's amount
                // below. Before 2026-12-06 every such line was rejected as an unreadable quantity.
                if (FlexibleNumber.TryParseDecimal(cells[_quantity], decimalComma, out var fraction) && fraction != 0 && Math.Abs(fraction) < int.MaxValue)
                {
                    weighed = fraction;
                    quantity = Math.Sign(fraction);
                }
                else
                {
                    _report.Rejected(R.Unreadable, row.RowNumber, cells, $"quantity '{Short(cells[_quantity])}'");
                    return;
                }
            }
            if (quantity == 0)
            {
                _report.Rejected(R.ZeroQuantity, row.RowNumber, cells);
                return;
            }

            decimal? price = null;
            if (_price >= 0)
            {
                if (!FlexibleNumber.TryParseDecimal(cells[_price], decimalComma, out var parsed) || Math.Abs(parsed) > MaxPrice)
                {
                    _report.Rejected(R.Unreadable, row.RowNumber, cells, $"price '{Short(cells[_price])}'");
                    return;
                }
                price = parsed;
            }
            if (weighed is { } amount)
            {
                price = price is { } perUnit ? Math.Round(Math.Abs(amount) * perUnit, 4, MidpointRounding.AwayFromZero) : null;
                if (price is { } lineAmount && Math.Abs(lineAmount) > MaxPrice)
                {
                    _report.Rejected(R.Unreadable, row.RowNumber, cells, $"quantity '{Short(cells[_quantity])}' at that price");
                    return;
                }
                _report.Applied(R.WeighedQuantity, $"row {row.RowNumber}: {Short(cells[_quantity])}");
            }

            var isCancellation = IsCancellationInvoice(invoiceText);
            if (isCancellation && quantity > 0)
            {
                // Exports that mark the invoice and leave quantities unsigned: the goods go back all the same. Kept
                // positive, the line would count as a sale and its refund as revenue.
                quantity = -quantity;
                _report.Applied(R.CancellationQuantitySigned, $"row {row.RowNumber}");
            }
            var isReturn = quantity < 0 || isCancellation;
            if (isReturn && price < 0)
            {
                // Quantity and price both negative multiply to a positive amount: the refund would add to revenue.
                price = -price;
                _report.Applied(R.ReturnPriceSigned, $"row {row.RowNumber}");
            }
            if (quantity < 0 && !isCancellation && price == 0)
            {
                _report.Rejected(R.StockAdjustment, row.RowNumber, cells, description ?? skuText);
                return;
            }
            if (price <= 0 && !isReturn)
            {
                _report.Rejected(R.NonPositivePrice, row.RowNumber, cells, price.Value.ToString(CultureInfo.InvariantCulture));
                return;
            }

            var sku = RetailCode.OrNull(skuText) ?? DescriptionSku.Of(description);
            if (sku is null)
            {
                _report.Rejected(R.Unreadable, row.RowNumber, cells, "no product code and no description");
                return;
            }

            customer = customer is null ? null : ImportedCustomerCode.Of(customer);
            // A basket without an invoice number is keyed by its customer's code, erased or not: the erasure kept the
            // key of their stored baskets, and keyed as a guest's the same lines would match nothing and be stored again.
            // So is a walk-in's placeholder ("0", "NULL"): the baskets stored when it was read as a customer keep matching.
            var keyedBy = customer;
            if (customer is not null && ImportedCustomerCode.IsPlaceholder(customer))
            {
                _report.Applied(R.CustomerPlaceholder, customer);
                customer = null;
            }
            var erased = customer is not null && IsErased(customer);
            if (erased)
            {
                // They asked to be erased: the sale counts for the products, never for a person again — nor for a model,
                // which would learn their basket as a guest's (Order.IsAnonymised).
                _report.Applied(R.ErasedCustomer);
                customer = null;
            }
            var invoice = invoiceText is null ? BasketKey(keyedBy, placedAt, sku, quantity, price) : ChunkKey(invoiceText, placedAt);
            // Merged, another customer's purchase would join this basket (their card, their suggestions). Further apart
            // in the file, or against a stored sale, the writer leaves such lines out (ReusedInvoices).
            if (customer is not null && batch.Orders.TryGetValue(invoice, out var sameNumber) && sameNumber.CustomerCode is { } first && first != customer)
            {
                _report.Rejected(R.InvoiceReused, row.RowNumber, cells, invoice);
                return;
            }
            if (batch.PendingLines >= chunkLines && !batch.Orders.ContainsKey(invoice))
            {
                _ready = CutChunk();
                // Keyed against the new chunk: the same number on another day in the chunk just cut no longer counts.
                invoice = invoiceText is null ? invoice : ChunkKey(invoiceText, placedAt);
            }

            // Exact duplicates: every value equal to an earlier line's. With quantities, a repeat is the line exported twice;
            // without (a till listing each item scanned), it is more likely the second unit, and is counted as one.
            var repeat = !_seen.Add(string.Join('\u001F', cells));
            if (repeat && _quantity >= 0)
            {
                _report.Applied(R.DuplicateRemoved, $"row {row.RowNumber}");
                return;
            }
            if (repeat)
            {
                _report.Applied(R.RepeatCounted, $"row {row.RowNumber}");
            }

            if (customer is null)
            {
                _report.Applied(R.AnonymousSale);
            }
            else
            {
                // Read from the row until the file has given the customer a country (the same rows as when every
                // customer's country was held in memory).
                ref var country = ref CollectionsMarshal.GetValueRefOrAddDefault(_countries, customer, out var inChunk);
                if (!inChunk)
                {
                    country = batch.Tally.CountryOf(customer);
                }
                if (country is null && Country(cells, row.RowNumber) is { } given)
                {
                    country = given;
                    _countriesGiven.Add((customer, given));
                }
            }

            if (!batch.Orders.TryGetValue(invoice, out var order))
            {
                var legacyKey = invoiceText is null && keyedBy is not null ? LegacyBasketKey(keyedBy, placedAt) : null;
                batch.Orders[invoice] = order = new OrderDraft(invoice, customer, placedAt, isCancellation, legacyKey) { Number = invoiceText };
            }
            order.IsAnonymised |= erased;
            if (isReturn)
            {
                _report.Applied(R.Return, $"row {row.RowNumber}");
            }

            // The order's time, as stored: an invoice whose lines span two minutes is one sale.
            ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_chunkProducts, sku, out var met);
            if (!met)
            {
                seen = new ProductCounts.Seen(order.PlacedAt, NonMerchandiseCodes.IsNonMerchandise(sku));
            }
            else if (order.PlacedAt < seen.FirstSeenAt)
            {
                seen = seen with { FirstSeenAt = order.PlacedAt };
            }
            if (seen.IsNonMerchandise)
            {
                _report.Applied(R.NonMerchandise, sku);
            }
            if (description is not null)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_products.Descriptions, (sku, description), out _)++;
            }
            else
            {
                _linesWithoutDescription.Add(sku);
            }
            if (price > 0 && !isReturn)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_products.Prices, (sku, price.Value), out _)++;
            }
            var earlier = repeat ? order.Lines.FindIndex(l => l.Sku == sku && l.UnitPrice == price) : -1;
            if (earlier >= 0)
            {
                order.Lines[earlier] = order.Lines[earlier] with { Quantity = order.Lines[earlier].Quantity + 1 };
                return;
            }
            order.Lines.Add(new LineDraft(order.Lines.Count + 1, sku, quantity, price, QuantityKnown: _quantity >= 0));
            batch.PendingLines++;
            batch.LineCount++;
        }

        /// <summary>The chunk completed by the last row, if it completed one.</summary>
        public TransactionChunk? TakeReadyChunk()
        {
            var ready = _ready;
            _ready = null;
            return ready;
        }

        /// <summary>Hands on the orders read so far, settled as far as their own lines decide.</summary>
        public TransactionChunk CutChunk()
        {
            // A C-invoice is a cancellation; so is an invoice whose lines all go back (IsCancellationOrder).
            var orders = batch.Orders.Values.ToList();
            foreach (var order in orders)
            {
                order.IsCancellation |= order.Lines.All(l => l.Quantity < 0);
            }
            var countries = new Dictionary<string, string?>(_countries, StringComparer.Ordinal);
            batch.Tally.AddCountries(_countriesGiven);
            _countriesGiven.Clear();
            _countries.Clear();
            var products = _chunkProducts.Select(p => new NewProduct(p.Key, p.Value.IsNonMerchandise, p.Value.FirstSeenAt)).ToList();
            _products.AddProducts(_chunkProducts);
            _chunkProducts.Clear();
            if (_products.IsFull)
            {
                batch.Tally.Add(_products);
                _products.Clear();
            }
            batch.Orders.Clear();
            batch.PendingLines = 0;
            _seen.Clear();
            return new TransactionChunk(orders, products, countries);
        }

        /// <summary>Reports the lines without a description (filled when their product has a name) and mixed date orders.</summary>
        public void Finish()
        {
            batch.Tally.Add(_products);
            _products.Clear();
            var named = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var (sku, example) in _linesWithoutDescription.InFileOrder())
            {
                if (!named.TryGetValue(sku, out var isNamed))
                {
                    named[sku] = isNamed = batch.Tally.IsNamed(sku);
                }
                _report.Applied(isNamed ? R.DescriptionFilled : R.DescriptionUnknown, example ? sku : null);
            }
            if (_firstContradiction is { } contradiction && (dates.MonthFirst ? _monthFirstEvidence : _dayFirstEvidence) == 0)
            {
                // The order was chosen (the page's "Dates like 3/1/2011", the CLI's --dates) and the file proves the other:
                // its impossible dates were rejected and every ambiguous one read the wrong way round. Nothing is stored.
                var (chosen, proven) = dates.MonthFirst ? ("month", "day") : ("day", "month");
                var count = dates.MonthFirst ? _dayFirstEvidence : _monthFirstEvidence;
                throw new ImportException($"Dates were to be read {chosen} first, but {count:N0} {(count == 1 ? "date" : "dates")} " +
                    $"in the file can only be {proven} first (the first: '{contradiction.Text}', row {contradiction.Row}) and none only {chosen} " +
                    $"first. Import it again with dates read {proven} first, or as the file shows; nothing was stored.");
            }
            if (_dayFirstEvidence > 0 && _monthFirstEvidence > 0)
            {
                _report.Notes.Add($"Warning: {_dayFirstEvidence:N0} dates are written day first and {_monthFirstEvidence:N0} month first. " +
                    $"Dates were read {(dates.MonthFirst ? "month" : "day")} first; those written the other way were rejected when impossible " +
                    "and may be misread when both readings are valid. Check the source export.");
            }
        }

        /// <summary>
        /// The order key when the file has no invoice numbers: a customer's lines of one timestamp form one basket;
        /// an anonymous line forms a basket with the others of its exact time, or alone when the file gives no time —
        /// keyed then by what it sold and how many such lines the day had before it, not by its row: keyed by row, a
        /// corrected or overlapping export (a row removed near the top) gave every later line a new key, and the day's
        /// sales were stored twice. Short enough for the invoice column, and the same on every import of the file.
        /// A customer's basket is keyed by a 64-bit hash of their code: with a 32-bit one, two members of a busy day
        /// met (codes 40189 and 797186 do), and the second one's basket was rejected as another customer's invoice.
        /// </summary>
        private string BasketKey(string? customer, DateTime placedAt, string sku, int quantity, decimal? price)
        {
            var time = placedAt.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture);
            if (customer is not null)
            {
                return $"B{time}-{StableHash.Of64(customer):X16}";
            }
            if (placedAt.TimeOfDay != TimeSpan.Zero)
            {
                return $"B{time}-ANON";
            }
            var stem = string.Create(CultureInfo.InvariantCulture, $"B{time}-L{StableHash.Of($"{sku}\u001F{quantity}\u001F{price}"):X8}");
            return string.Create(CultureInfo.InvariantCulture, $"{stem}-{++CollectionsMarshal.GetValueRefOrAddDefault(_sameLinesOfTheDay, stem, out _)}");
        }

        /// <summary>
        /// A number's key in this chunk: the number itself, or with its day when the chunk holds that number on another
        /// day (not a basket rung up across midnight) — one draft per number and day, so no two drafts of a chunk share a
        /// key. Against stored baskets the writer decides which day keeps the bare number (TransactionWriter).
        /// </summary>
        private string ChunkKey(string number, DateTime placedAt) =>
            batch.Orders.TryGetValue(number, out var numbered) && numbered.PlacedAt.Date != placedAt.Date
                && Math.Abs((numbered.PlacedAt - placedAt).TotalHours) > 1 && OrderDraft.DatedNumber(number, placedAt) is { } dated
                ? dated : number;

        /// <summary>The key a customer's basket had before 2026-12-06 (32-bit hash), which stored baskets may still carry.</summary>
        private static string LegacyBasketKey(string customer, DateTime placedAt) =>
            $"B{placedAt.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture)}-{StableHash.Of(customer):X8}";

        private string? Country(string[] cells, int rowNumber)
        {
            var (name, changed) = CountryNames.Normalise(_text.Text(F.Country, cells));
            if (changed)
            {
                _report.Applied(R.CountryNormalised, $"row {rowNumber}: {Short(cells[_country])} → {name ?? "unknown"}");
            }
            return name is { Length: > 64 } ? name[..64] : name;
        }

        // Spreadsheet exports often turn 17850 into "17850.0"; codes are compared without regard to case.

        private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
    }
}
