using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
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
        var count = options.Int("--count", 10);
        if (options.Flag("--reasons"))
        {
            return await ReasonsAsync(services, options, count);
        }
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
            if (ids.Count == 0)
            {
                Console.Error.WriteLine($"No product with SKU {string.Join(" or ", skus)}.");
                return 1;
            }
            list = options.Flag("--similar") ? await service.SimilarAsync(ids[0], count) : await service.BoughtTogetherAsync(ids, count);
        }
        else
        {
            Console.Error.WriteLine("suggest takes --customer CODE [--mode discovery|replenishment] or --product SKU [--product SKU ...] [--similar] or --reasons [--customers N]");
            return 2;
        }
        Console.WriteLine($"Model run {list.ModelRunId} ({list.Algorithm}){(list.Personalised ? ", personalised" : "")}. {list.Notice}");
        foreach (var s in list.Items)
        {
            Console.WriteLine($"  {s.Sku,-8} {s.Name,-40} {s.Category,-28} {s.Reason}");
        }
        return 0;
    }

    /// <summary>`suggest --reasons`: how many of the champion's reasons are worth saying, over a fixed sample of customers.</summary>
    private static async Task<int> ReasonsAsync(IServiceProvider services, CommandLineOptions options, int count)
    {
        var customers = options.Int("--customers", 200);
        var champion = await services.GetRequiredService<ModelRegistry>().GetChampionAsync();
        if (champion is null)
        {
            Console.Error.WriteLine("No champion model: run `train` first.");
            return 1;
        }
        var r = ReasonReport.Of(champion.Bundle, customers, count);
        static string Of(int part, int whole) => whole == 0 ? "0" : $"{part:N0} of {whole:N0} ({100.0 * part / whole:F0}%)";
        Console.WriteLine($"Model run {champion.RunId} ({champion.Bundle.Algorithm}): top {count} for {r.Customers} customers, discovery mode, {r.Lines:N0} lines.");
        Console.WriteLine($"  popular picks:                  {Of(r.PopularPicks, r.Lines)}; lists with more than {WorthSaying.MaxPopularPicks(count)}: {Of(r.ListsOverPopularCap, r.Customers)}; most in one list: {r.MostPopularPicksInAList}");
        Console.WriteLine($"  often bought with, below {WorthSaying.MinTogetherShare * 100:F0}% or {WorthSaying.MinTogetherBaskets} baskets: {Of(r.BoughtTogetherWeak, r.BoughtTogether)}");
        Console.WriteLine($"  similar to, sharing no kind or {SimilarNames.SharedWordsNeeded} words: {Of(r.SimilarWeak, r.Similar)}");
        Console.WriteLine($"  shoppers with similar baskets, below {WorthSaying.MinNeighbourShare * 100:F0}%: {Of(r.SimilarCustomersWeak, r.SimilarCustomers)}");
        Console.WriteLine($"  every reason not worth saying:  {Of(r.Weak, r.Lines)}");
        return 0;
    }
}
