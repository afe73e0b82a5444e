using RetailRecs.Cli;

return args switch
{
    ["make-sample", .. var rest] => MakeSampleCommand.Run(rest),
    [] or ["help"] or ["--help"] or ["-h"] => Usage(0),
    _ => Usage(2),
};

static int Usage(int exitCode)
{
    var text = """
        retailrecs — RetailRecs command line

          make-sample --source FILE --out FILE [--every N]
              Cuts the demo data set from the full Online Retail export: every line of each customer whose
              CustomerID is divisible by N (default 10) and of each guest invoice whose number is, kept verbatim.
        """;
    (exitCode == 0 ? Console.Out : Console.Error).WriteLine(text);
    return exitCode;
}
