using System.Globalization;

namespace RetailRecs.Core.Experiments.Statistics;

/// <summary>What a manager should conclude from a comparison, in a sentence, plus the warning against stopping early.</summary>
public sealed record Verdict(string Text, bool Decided, string? Winner, long? MoreUnitsNeeded, string? EarlyStopWarning)
{
    /// <param name="comparison">Treatment against control on the primary metric.</param>
    /// <param name="unitsPerVariant">The smallest arm's units so far.</param>
    /// <param name="neededPerVariant">Units each arm needs: the plan's, or estimated from the observed effect.</param>
    /// <param name="moreInAll">Units still to come before every arm has <paramref name="neededPerVariant"/> (see ExperimentReach.More).</param>
    /// <param name="daysRun">Days since the start.</param>
    /// <param name="plannedDays">The planned duration.</param>
    public static Verdict For(Comparison comparison, string control, string treatment, long unitsPerVariant, long? neededPerVariant, long moreInAll,
        double daysRun, int plannedDays, bool srm, string units = "customers", double confidence = 0.95)
    {
        // To a tenth: with three treatments the Bonferroni confidence is 98.3%, which "98%" understated.
        var percent = (confidence * 100).ToString("0.#", CultureInfo.InvariantCulture);
        if (srm)
        {
            return new Verdict("Do not trust these results: the variants did not get the share of traffic they were set to (sample-ratio " +
                               "mismatch). Check the assignment and the logging before reading anything else.", false, null, null, null);
        }
        var shortOfPlan = neededPerVariant is { } n && unitsPerVariant < n;
        var progress = neededPerVariant is { } m
            ? string.Create(CultureInfo.InvariantCulture, $" with {unitsPerVariant:N0} of {m:N0} {units} per variant")
            : "";
        var early = daysRun < plannedDays || shortOfPlan
            ? string.Create(CultureInfo.InvariantCulture, $"The experiment has run {Math.Floor(daysRun):0} of {plannedDays} planned days{progress}. ") +
              "Looking at the results every day and stopping at the first significant one makes false winners far more likely: wait for the plan."
            : null;
        var more = shortOfPlan ? moreInAll : (long?)null;
        if (comparison.Significant(1 - confidence))
        {
            var better = comparison.Difference > 0 ? treatment : control;
            var worse = comparison.Difference > 0 ? control : treatment;
            // Before the plan is reached a significant result is not yet a winner: naming one (in green) invited the very
            // stopping at the first good day that the warning below argues against.
            return early is null
                ? new Verdict($"{better} is better than {worse} with {percent}% confidence.", true, better, more, null)
                : new Verdict($"Too early to call: {better} is ahead of {worse} so far, but before the plan is reached a lead " +
                              "like this is often luck. Wait for the plan.", false, null, more, early);
        }
        if (more is { } needed && needed > 0)
        {
            return new Verdict(string.Create(CultureInfo.InvariantCulture, $"Not enough data yet: about {needed:N0} more {units} needed."), false, null, needed, early);
        }
        return new Verdict($"No difference between {control} and {treatment} at {percent}% confidence: if there is one, it is smaller than this experiment can detect.",
            early is null, null, null, early);
    }
}
