using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;

namespace RetailRecs.Cli;

/// <summary>`retailrecs apikey create`: a key for a store system (or a benchmark), as the API keys page makes them.</summary>
internal static class ApiKeyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["create", .. var rest])
        {
            Console.Error.WriteLine("apikey takes: create --name NAME [--scopes a,b] [--database FILE]");
            return 2;
        }
        var options = CommandLineOptions.Parse(rest);
        var scopes = options.Get("--scopes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? ApiScopes.All;
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        try
        {
            var (key, secret) = await services.GetRequiredService<ApiKeyService>()
                .CreateAsync(options.Get("--name", "cli"), scopes, new StaffActor(null, $"cli:{Environment.UserName}"));
            Console.Error.WriteLine($"Key {key.Id} for {key.Name} ({key.Scopes}). It is shown only now:");
            Console.WriteLine(secret);
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
