using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs rollups [--rebuild]`: recomputes the dashboard's sales rollups of every month marked dirty (the app does
/// it every minute and after each import); --rebuild marks every month first, after the lines were changed around the app.
/// </summary>
internal static class RollupsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var contexts = services.GetRequiredService<IDbContextFactory<RetailDbContext>>();
        if (options.Flag("--rebuild"))
        {
            await using var db = await contexts.CreateDbContextAsync();
            Console.WriteLine($"Marked {await SalesRollup.MarkAllAsync(db)} months for a rebuild.");
        }
        List<RollupLabel> labels;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            labels = await db.RollupLabelChanges.Select(m => m.Label).Distinct().OrderBy(l => l).ToListAsync();
        }
        var clock = Stopwatch.StartNew();
        var months = (await SalesRollup.RefreshAsync(contexts)).Months;
        // Labels changed since their rows were written (a product's category, a customer's country) are rebuilt for every day.
        var rebuilt = labels.Count == 0 ? "" : $" and the rows by {string.Join(" and ", labels.Select(l => l == RollupLabel.ProductCategory ? "category" : "country"))} rebuilt";
        Console.WriteLine(months == 0 && labels.Count == 0 ? "The sales rollups are up to date."
            : $"Sales rollups refreshed for {months} month(s){rebuilt} in {clock.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }
}
