namespace RetailRecs.Core.Import.Cleaning;

/// <summary>What the importer did to a file, rule by rule, with counts and a few examples of each (row numbers included).</summary>
/// <param name="maxKeptRejections">
/// Rejected rows kept (for the download) beyond which only the count grows: a file of millions of bad rows must not
/// hold them all in memory, nor store them all.
/// </param>
public sealed class CleaningReport(int maxKeptRejections = CleaningReport.DefaultMaxKeptRejections)
{
    public const int ExamplesPerRule = 5;
    public const int DefaultMaxKeptRejections = 10_000;

    private readonly Dictionary<string, RuleOutcome> _rules = new();
    private readonly List<Rejection> _rejections = [];
    private int _rejected;

    public sealed class RuleOutcome(string rule, string description, bool rejects)
    {
        public string Rule { get; } = rule;
        public string Description { get; } = description;
        /// <summary>True when rows under this rule are not stored.</summary>
        public bool Rejects { get; } = rejects;
        public int Count { get; internal set; }
        public List<string> Examples { get; } = [];
    }

    public sealed record Rejection(int RowNumber, string Reason, string[] Cells);

    public IReadOnlyCollection<RuleOutcome> Rules => _rules.Values;
    /// <summary>The first rejected rows, in file order (at most the limit given; <see cref="RowsRejected"/> counts them all).</summary>
    public IReadOnlyList<Rejection> Rejections => _rejections;
    /// <summary>Notes about the file as a whole: detected format, missing fields and what was done instead.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The first notes of every report: how the file was read and which column feeds which field.</summary>
    internal void DescribeFile(Tabular.TabularFile file, Mapping.ColumnMapping mapping)
    {
        Notes.Add($"{file.Format}, {file.Encoding}{(file.Delimiter is null ? "" : $", {file.Delimiter}-separated")}.");
        Notes.Add("Columns: " + string.Join(", ", mapping.Describe().Select(kv => kv.Key == kv.Value ? kv.Key : $"{kv.Value} → {kv.Key}")) + ".");
    }

    public int RowsRead { get; internal set; }
    public int RowsKept { get; internal set; }
    public int RowsRejected => _rejected;

    /// <summary>Counts one application of a rule that changes or flags data but keeps the row.</summary>
    public void Applied(CleaningRule rule, string? example = null) => Record(rule, rejects: false, example);

    /// <summary>Counts a row that is not stored, and keeps it (with its row number) for the rejected-rows download.</summary>
    public void Rejected(CleaningRule rule, int rowNumber, string[] cells, string? detail = null)
    {
        var reason = detail is null ? rule.Description : $"{rule.Description}: {detail}";
        Record(rule, rejects: true, $"row {rowNumber}{(detail is null ? "" : $" ({detail})")}");
        _rejected++;
        if (_rejections.Count < maxKeptRejections)
        {
            _rejections.Add(new Rejection(rowNumber, reason, cells));
        }
        else if (_rejected == maxKeptRejections + 1)
        {
            Notes.Add($"More than {maxKeptRejections:N0} rows were rejected: all are counted, the first {maxKeptRejections:N0} are kept for the rejected-rows download.");
        }
    }

    public int CountOf(CleaningRule rule) => _rules.TryGetValue(rule.Name, out var r) ? r.Count : 0;

    private void Record(CleaningRule rule, bool rejects, string? example)
    {
        if (!_rules.TryGetValue(rule.Name, out var outcome))
        {
            _rules[rule.Name] = outcome = new RuleOutcome(rule.Name, rule.Description, rejects);
        }
        outcome.Count++;
        if (example is not null && outcome.Examples.Count < ExamplesPerRule)
        {
            outcome.Examples.Add(example);
        }
    }
}
