namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// What one chunk's lines do to the database, decided the same way for every provider: the lines of orders the chunk
/// added are written as they are numbered in the file; the lines of an invoice stored before are matched by content
/// (<see cref="StoredLines"/>), so only those it lacks are appended and those it has with less are completed.
/// </summary>
internal sealed class LinePlan
{
    public List<PlannedLine> NewOrderLines { get; } = [];
    /// <summary>Lines appended to orders stored before this chunk (a corrected row, a later export, an invoice split in the file).</summary>
    public List<PlannedLine> Appended { get; } = [];
    public List<PlannedCompletion> Completed { get; } = [];
    public int PricesFilled { get; private set; }
    public int QuantitiesFilled { get; private set; }
    public int Lines { get; private set; }

    /// <param name="stored">The stored lines of every order of the chunk that the chunk did not add.</param>
    /// <param name="appendedBefore">
    /// For orders stored before the import, the first line number this import appended to them: lines from there on are
    /// this file's own, appended by an earlier chunk, and are never taken for stored ones. Grows only with changed orders.
    /// </param>
    /// <param name="lineSeen">Called after each line (progress, cancellation).</param>
    public static LinePlan For(IReadOnlyList<(OrderDraft Draft, OrderSlot Slot)> orders, IReadOnlyList<StoredLine> stored,
        IReadOnlyDictionary<string, int> productIds, Dictionary<int, int> appendedBefore, ISet<int> changedOrders, Action lineSeen)
    {
        var plan = new LinePlan();
        var byOrder = new Dictionary<int, StoredLines>();
        foreach (var line in stored)
        {
            if (!byOrder.TryGetValue(line.OrderId, out var lines))
            {
                byOrder[line.OrderId] = lines = new StoredLines();
            }
            var ownLine = line.LineNumber >= appendedBefore.GetValueOrDefault(line.OrderId, int.MaxValue);
            lines.Add(line.ProductId, line.Quantity, line.QuantityKnown, line.Price, line.LineNumber, matchable: !ownLine);
        }

        foreach (var (draft, slot) in orders)
        {
            if (slot.AddedNow)
            {
                foreach (var l in draft.Lines)
                {
                    plan.NewOrderLines.Add(new PlannedLine(slot.Id, l.LineNumber, productIds[l.Sku], l.Quantity, !l.QuantityKnown, l.UnitPrice));
                    plan.Lines++;
                    lineSeen();
                }
                continue;
            }
            var storedLines = byOrder.GetValueOrDefault(slot.Id) ?? new StoredLines();
            if (slot.AddedByThisImport)
            {
                // An earlier chunk of this file wrote this invoice: its lines are this file's too, never the stored ones.
                storedLines.ForgetMatches();
            }
            foreach (var l in draft.Lines)
            {
                var productId = productIds[l.Sku];
                var match = storedLines.Take(productId, l.Quantity, l.QuantityKnown, l.UnitPrice);
                switch (match.Kind)
                {
                    case MatchKind.New:
                        var lineNumber = storedLines.NextLineNumber();
                        if (!slot.AddedByThisImport)
                        {
                            appendedBefore.TryAdd(slot.Id, lineNumber);
                        }
                        plan.Appended.Add(new PlannedLine(slot.Id, lineNumber, productId, l.Quantity, !l.QuantityKnown, l.UnitPrice));
                        changedOrders.Add(slot.Id);
                        break;
                    case MatchKind.Completed:
                        // The same sale from a fuller export: the stored line gains the fields it lacked, known ones are kept.
                        plan.Completed.Add(new PlannedCompletion(slot.Id, match.LineNumber, match.Quantity, !match.QuantityKnown, match.Price));
                        plan.PricesFilled += match.FilledPrice ? 1 : 0;
                        plan.QuantitiesFilled += match.FilledQuantity ? 1 : 0;
                        changedOrders.Add(slot.Id);
                        break;
                }
                plan.Lines++;
                lineSeen();
            }
        }
        return plan;
    }
}

internal readonly record struct PlannedLine(int OrderId, int LineNumber, int ProductId, int Quantity, bool QuantityUnknown, decimal? Price);

internal readonly record struct PlannedCompletion(int OrderId, int LineNumber, int Quantity, bool QuantityUnknown, decimal? Price);
