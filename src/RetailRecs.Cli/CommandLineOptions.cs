namespace RetailRecs.Cli;

/// <summary>"--name value" pairs and bare "--flag"s from the command line; a name may repeat (--map a=b --map c=d).</summary>
internal sealed class CommandLineOptions
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    public static CommandLineOptions Parse(string[] args)
    {
        var options = new CommandLineOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected '{args[i]}': options start with --.");
            }
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            var value = hasValue ? args[++i] : "true";
            if (!options._values.TryGetValue(args[i - (hasValue ? 1 : 0)], out var list))
            {
                options._values[args[i - (hasValue ? 1 : 0)]] = list = [];
            }
            list.Add(value);
        }
        return options;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;
    public string Get(string name, string fallback) => Get(name) ?? fallback;
    public bool Flag(string name) => Get(name) is "true";
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>A whole number, or null when not given; a value that is not one is an ArgumentException naming the option.</summary>
    public int? Int(string name) => Get(name) is not { } text ? null
        : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"{name} takes a whole number, not '{text}'.");

    public int Int(string name, int fallback) => Int(name) ?? fallback;

    /// <summary>A date written yyyy-MM-dd, or null when not given; anything else is an ArgumentException naming the option.</summary>
    public DateOnly? Date(string name) => Get(name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date
        : throw new ArgumentException($"{name} takes a date written yyyy-MM-dd, not '{text}'.");

    /// <summary>The column map of --map "Source column=Field" pairs; throws ArgumentException on a pair without '='.</summary>
    public Dictionary<string, string> ColumnMap()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in All("--map"))
        {
            var eq = pair.IndexOf('=');
            if (eq < 0)
            {
                throw new ArgumentException($"--map takes \"Source column=Field\", not '{pair}'.");
            }
            map[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return map;
    }
}
