using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs benchmark lookup`: the associate's whole lookup as the server does it, for many customers: search by
/// the first letters of the last name, open the card (audited, with segment), and the champion's suggestions.
/// </summary>
internal static class LookupBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var count = options.Int("--customers", 500);
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var contexts = services.GetRequiredService<IDbContextFactory<RetailDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // An imported export has customer ids only: searching by name needs names, as the demo data gets them.
            var nameless = await db.Customers.Where(c => c.FirstName == null && c.LastName == null).OrderBy(c => c.CustomerCode).ToListAsync();
            if (nameless.Count > 0)
            {
                if (!options.Flag("--add-demo-profiles"))
                {
                    Console.Error.WriteLine($"{nameless.Count:N0} customers have no name to search by. Run on a copy with --add-demo-profiles " +
                                            "to give them fictional ones (as the demo data has), or search codes only with --by-code.");
                    if (!options.Flag("--by-code"))
                    {
                        return 1;
                    }
                }
                else
                {
                    for (var i = 0; i < nameless.Count; i++)
                    {
                        FictionalProfileGenerator.Fill(nameless[i], i);
                    }
                    await db.SaveChangesAsync();
                    Console.WriteLine($"Gave {nameless.Count:N0} customers fictional names and contact details.");
                }
            }
        }

        await using var read = await contexts.CreateDbContextAsync();
        var people = await read.Customers.OrderBy(c => c.Id).Select(c => new { c.Id, c.LastName, c.CustomerCode }).ToListAsync();
        var random = new Random(7);
        var sample = people.OrderBy(_ => random.Next()).Take(count).ToList();
        var search = services.GetRequiredService<CustomerSearch>();
        var cards = services.GetRequiredService<CustomerCardService>();
        var recommendations = services.GetRequiredService<RecommendationService>();
        var actor = new StaffActor(null, "benchmark");

        async Task<(double Search, double Card, double Suggestions, bool Found)> LookUpAsync(int id, string typed)
        {
            var clock = Stopwatch.StartNew();
            var hits = await search.SearchAsync(typed);
            var searched = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var card = await cards.OpenAsync(id, actor);
            var opened = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await recommendations.ForCustomerAsync(id);
            return (searched, opened, clock.Elapsed.TotalMilliseconds, card is not null && hits.Count > 0);
        }

        string Typed(string? lastName, string code) => lastName is { Length: >= 3 } ? lastName[..3] : code[..Math.Min(3, code.Length)];
        foreach (var c in sample.Take(20))
        {
            await LookUpAsync(c.Id, Typed(c.LastName, c.CustomerCode)); // warm-up: query compilation, JIT, champion load
        }
        var search_ = new List<double>();
        var card_ = new List<double>();
        var suggest_ = new List<double>();
        var total = new List<double>();
        foreach (var c in sample)
        {
            var (s, k, g, _) = await LookUpAsync(c.Id, Typed(c.LastName, c.CustomerCode));
            search_.Add(s);
            card_.Add(k);
            suggest_.Add(g);
            total.Add(s + k + g);
        }
        string Summary(List<double> times)
        {
            times.Sort();
            double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            return $"p50 {P(0.5),6:F1} ms, p95 {P(0.95),6:F1} ms, max {times[^1],6:F1} ms";
        }
        Console.WriteLine($"Lookup of {sample.Count} customers (type 3 letters of the last name, open the card, top-10 suggestions):");
        Console.WriteLine($"  search       {Summary(search_)}");
        Console.WriteLine($"  card         {Summary(card_)}");
        Console.WriteLine($"  suggestions  {Summary(suggest_)}");
        Console.WriteLine($"  whole lookup {Summary(total)}   (target 300 ms)");
        return 0;
    }
}
