using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Core.Experiments;

/// <summary>
/// Holds the champion while a running experiment has a variant serving it: the variant's results are about the model
/// that served when the experiment started. A stopped experiment holds nothing (its winner is promoted after the stop).
/// </summary>
public sealed class ExperimentChampionHold : IChampionHold
{
    public async Task<string?> ReasonAsync(RetailDbContext db, CancellationToken ct)
    {
        var running = await db.Experiments.AsNoTracking().Where(e => e.Status == ExperimentStatus.Running).OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var experiment in running)
        {
            IReadOnlyList<ExperimentVariant> variants;
            try
            {
                variants = ExperimentJson.VariantsOf(experiment);
            }
            catch (System.Text.Json.JsonException)
            {
                continue; // unreadable variants serve nobody (the router says so); they hold nothing
            }
            if (variants.FirstOrDefault(v => v.ModelRunId is null) is { } variant)
            {
                return $"the experiment \"{experiment.Name}\" is running and its variant {variant.Name} serves the champion; a new champion " +
                       "would change what it compares midway. Promote when the experiment has stopped (or stop it on the Experiments page).";
            }
        }
        return null;
    }
}
