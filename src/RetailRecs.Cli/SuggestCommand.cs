using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Cli;

/// <summary>`retailrecs suggest`: what the champion suggests for one customer (by source customer code) or basket, with reasons.</summary>
internal static class SuggestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        await using var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var service = services.GetRequiredService<RecommendationService>();
        var count = int.Parse(options.Get("--count", "10"), System.Globalization.CultureInfo.InvariantCulture);
        SuggestionList list;
        if (options.Get("--customer") is { } code)
        {
            var id = await db.Customers.Where(c => c.CustomerCode == code).Select(c => (int?)c.Id).SingleOrDefaultAsync();
            if (id is null)
            {
                Console.Error.WriteLine($"No customer with code {code}.");
                return 1;
            }
            var mode = options.Get("--mode", "discovery") == "replenishment" ? SuggestionMode.Replenishment : SuggestionMode.Discovery;
            list = await service.ForCustomerAsync(id.Value, mode, count);
        }
        else if (options.All("--product") is { Count: > 0 } skus)
        {
            var ids = await db.Products.Where(p => skus.Contains(p.Sku)).Select(p => p.Id).ToListAsync();
            list = options.Flag("--similar") ? await service.SimilarAsync(ids[0], count) : await service.BoughtTogetherAsync(ids, count);
        }
        else
        {
            Console.Error.WriteLine("suggest takes --customer CODE [--mode discovery|replenishment] or --product SKU [--product SKU ...] [--similar]");
            return 2;
        }
        Console.WriteLine($"Model run {list.ModelRunId} ({list.Algorithm}){(list.Personalised ? ", personalised" : "")}. {list.Notice}");
        foreach (var s in list.Items)
        {
            Console.WriteLine($"  {s.Sku,-8} {s.Name,-40} {s.Category,-28} {s.Reason}");
        }
        return 0;
    }
}
