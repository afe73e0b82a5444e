using Microsoft.Extensions.Configuration;

namespace RetailRecs.Cli;

/// <summary>
/// The web app's settings as the command line reads them: its appsettings.json and appsettings.{environment}.json,
/// then environment variables (Database__Provider, Privacy__Retention__CustomersInactiveMonths, ...), which win, as in
/// the app. The files come from the web project when run in the repository, else from the current directory (a
/// deployment's, where they sit beside the app). Read from the environment alone, `privacy retention` applied the
/// default policy after the Audit log page's dry run had shown the one in appsettings.json, and anonymised customers
/// the retailer had chosen to keep.
/// </summary>
internal sealed class CliSettings(IConfiguration configuration, string? folder)
{
    /// <summary>The folder whose appsettings.json was read, or null when there was none.</summary>
    public string? Folder { get; } = folder;

    public string? this[string key] => configuration[key];

    public static CliSettings Load()
    {
        var folder = SettingsFolder();
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder();
        if (folder is not null)
        {
            builder.SetBasePath(folder)
                .AddJsonFile("appsettings.json", optional: true)
                .AddJsonFile($"appsettings.{environment}.json", optional: true);
        }
        return new CliSettings(builder.AddEnvironmentVariables().Build(), folder);
    }

    /// <summary>A whole number, null when unset; a value that is not one is a <see cref="FormatException"/> naming the setting.</summary>
    public int? Int(string key) => this[key] is not { Length: > 0 } text
        ? null
        : int.TryParse(text, out var value) ? value : throw new FormatException($"The setting {key} must be a whole number, not '{text}'.");

    public bool? Bool(string key) => this[key] is not { Length: > 0 } text
        ? null
        : bool.TryParse(text, out var value) ? value : throw new FormatException($"The setting {key} must be true or false, not '{text}'.");

    private static string? SettingsFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RetailRecs.Web.sln")))
            {
                return Path.Combine(dir.FullName, "src", "RetailRecs.Web");
            }
        }
        return File.Exists("appsettings.json") ? Directory.GetCurrentDirectory() : null;
    }
}
