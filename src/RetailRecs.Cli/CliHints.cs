using RetailRecs.Core.Import;

namespace RetailRecs.Cli;

/// <summary>What to do next, in command-line words, after a message Core words for every front end.</summary>
internal static class CliHints
{
    public static string For(Exception e) => e is MissingFieldsException ? " Map one with --map \"Column=Field\"." : "";
}
