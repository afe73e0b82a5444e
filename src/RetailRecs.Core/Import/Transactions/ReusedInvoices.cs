namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Invoices of the file whose number is stored as another customer's sale, and their lines, which were left out: a
/// till that numbers receipts per day or per till reuses numbers, and merged they put one customer's purchases on
/// another's card. Keeps a few numbers to name, not all of them (a file of millions costs no more memory).
/// </summary>
public sealed class ReusedInvoices
{
    private const int Examples = 5;
    private readonly List<string> _examples = [];

    public int Invoices { get; private set; }
    public int Lines { get; private set; }
    public IReadOnlyList<string> ExampleNumbers => _examples;

    internal void Add(string invoice, int lines)
    {
        Invoices++;
        Lines += lines;
        if (_examples.Count < Examples && !_examples.Contains(invoice))
        {
            _examples.Add(invoice);
        }
    }

    /// <summary>What the import's message says; empty when none was left out.</summary>
    public string Text => Invoices == 0 ? ""
        : $"{Lines:N0} line{(Lines == 1 ? "" : "s")} of {Invoices:N0} invoice{(Invoices == 1 ? "" : "s")} left out: the number is another customer's " +
          $"sale already stored (e.g. {string.Join(", ", _examples)}). If the till numbers receipts per day or per till, map a column that " +
          "makes them unique (or none, to group each customer's lines by time)";
}
