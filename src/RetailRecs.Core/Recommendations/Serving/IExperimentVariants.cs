using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// Which variant of a running experiment applies to a customer: what serving asks before it ranks. Serving owns the
/// question and the experiments answer it (Experiments.ExperimentRouter), so serving never references them, while they
/// use serving to simulate and to analyse.
/// </summary>
public interface IExperimentVariants
{
    /// <summary>The customer's variant of a running experiment, or null when they are in none.</summary>
    Task<ExperimentRoute?> RouteAsync(int customerId, CancellationToken ct = default);
}

/// <summary>The experiment and variant a suggestion request was served under.</summary>
public sealed record ExperimentRoute(int ExperimentId, string ExperimentName, ExperimentVariant Variant, string UnitKey, ModelRegistry.Served Served);
