using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs benchmark text`: the text model's two steps on the database's whole catalog, as training reads it (name,
/// description, category or automatic category, brand): the TF-IDF features, then every product's nearest neighbours.
/// The step that grew with the square of the catalog before common words were left out of the walk (README, growth).
/// Then the automatic categories as a first training makes them (products without a category, their texts without one),
/// timed and sized but not stored.
/// </summary>
internal static class TextBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var neighbours = options.Int("--neighbours", 50);
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        await using var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Sku, p.Name, p.Description, p.Category, p.AutoCategory, p.Brand, p.IsNonMerchandise })
            .ToListAsync();
        var texts = products.Select(p => ProductText.Of(p.Sku, p.Name, p.Description, p.Category ?? p.AutoCategory, p.Brand)).ToList();
        if (ProductText.TooLittle(texts, ProductText.MinimumForTextModel) is { } why)
        {
            Console.Error.WriteLine($"No text model for this catalog: {why}");
            return 1;
        }
        using var process = Process.GetCurrentProcess();
        var (features, build) = Timed(process, () => TextFeatures.Build(texts));
        Console.WriteLine($"Features: {texts.Count:N0} products, {features.Terms.Length:N0} terms in {build.Wall.TotalSeconds:N1} s (CPU {build.Cpu.TotalSeconds:N1} s).");
        var (found, search) = Timed(process, () => features.NearestNeighbours(neighbours));
        var alone = Enumerable.Range(0, found.Count).Count(i => found.Items[i].Length == 0);
        Console.WriteLine($"Neighbours ({neighbours} each): {search.Wall.TotalSeconds:N1} s (CPU {search.Cpu.TotalSeconds:N1} s); " +
                          $"{alone:N0} products without a neighbour; words in more than {TextFeatures.CommonTermLimit:N0} products left out of the walk.");
        // The same products and the same refusal as ProductCategoriser's first categorisation.
        var withoutCategory = products.Where(p => p.Category == null && !p.IsNonMerchandise)
            .Select(p => ProductText.Of(p.Sku, p.Name, p.Description, null, p.Brand)).ToList();
        var uncategorised = withoutCategory.Where(t => t.Length > 0).ToList();
        if (withoutCategory.Count > 0 && ProductText.TooLittle(withoutCategory, ProductText.MinimumForCategories) is { } noCategories)
        {
            Console.WriteLine($"No automatic categories: {noCategories}.");
        }
        else if (uncategorised.Count > 0)
        {
            var (groups, clustering) = Timed(process, () => AutoCategoriser.Categorise(TextFeatures.Build(uncategorised)));
            var largest = groups.CategoryOfText.CountBy(c => c).Max(g => g.Value);
            Console.WriteLine($"Automatic categories (features and clustering, not stored): {uncategorised.Count:N0} products in {groups.Names.Count:N0} groups, " +
                              $"the largest {largest:N0} ({100.0 * largest / uncategorised.Count:N1} %), in {clustering.Wall.TotalSeconds:N1} s (CPU {clustering.Cpu.TotalSeconds:N1} s).");
        }
        Console.WriteLine($"Peak memory: {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB.");
        return 0;
    }

    private static (T Result, (TimeSpan Wall, TimeSpan Cpu) Took) Timed<T>(Process process, Func<T> step)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = step();
        process.Refresh();
        return (result, (clock.Elapsed, process.TotalProcessorTime - cpu));
    }
}
