using RetailRecs.Core.Import.Cleaning;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// The lines read without a description, by product: whether each is filled or stays unknown is known only at the end
/// of the file. Held per product, not per line: the count, and the first few lines in file order, enough for the
/// report's examples (a rule never shows more than <see cref="CleaningReport.ExamplesPerRule"/>, and whether a line is
/// filled depends on its product alone).
/// </summary>
internal sealed class MissingDescriptions
{
    private readonly List<string> _first = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string sku)
    {
        var count = _counts[sku] = _counts.GetValueOrDefault(sku) + 1;
        if (count <= CleaningReport.ExamplesPerRule)
        {
            _first.Add(sku);
        }
    }

    /// <summary>
    /// One entry per line: the first lines of each product in file order (Example true), then the others. The report
    /// counts them all and keeps its examples from the first, so it reads as if every line had been kept.
    /// </summary>
    public IEnumerable<(string Sku, bool Example)> InFileOrder()
    {
        foreach (var sku in _first)
        {
            yield return (sku, true);
        }
        foreach (var (sku, count) in _counts)
        {
            for (var i = CleaningReport.ExamplesPerRule; i < count; i++)
            {
                yield return (sku, false);
            }
        }
    }
}
