namespace RetailRecs.Cli;

/// <summary>"--name value" pairs from the command line.</summary>
internal sealed class CommandLineOptions(Dictionary<string, string> values)
{
    public static CommandLineOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }
        return new CommandLineOptions(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);
    public string Get(string name, string fallback) => values.GetValueOrDefault(name) ?? fallback;
}
