using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>The results' chart counts customers by the shop's day of their first exposure, not by the UTC day it is stored in.</summary>
public class ExperimentSeriesDayTests
{
    /// <summary>The shop's clock: Sydney, eleven hours ahead of UTC in March.</summary>
    private sealed class SydneyTime : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    }

    [Fact]
    public async Task ResultsAsync_ExposureOnASydneyMorning_IsChartedOnThatDay()
    {
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<TimeProvider>(new SydneyTime()));
        var experiment = new Experiment
        {
            Name = "Mornings", Hypothesis = "Shorter lists are read.", Status = ExperimentStatus.Stopped, PrimaryMetric = ExperimentMetric.AcceptanceRate,
            StartedAt = new DateTime(2026, 3, 1), StoppedAt = new DateTime(2026, 3, 10),
            Variants = ExperimentJson.Write(new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1) }),
        };
        await using (var db = database.CreateContext())
        {
            db.Experiments.Add(experiment);
            var customer = new Customer { CustomerCode = "S1" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            // 22:00 UTC on the 4th is 09:00 on the 5th in Sydney.
            db.ExperimentExposures.Add(new ExperimentExposure { ExperimentId = experiment.Id, Variant = "A", UnitKey = "S1", CustomerId = customer.Id,
                OccurredAt = new DateTime(2026, 3, 4, 22, 0, 0), Source = "lookup" });
            await db.SaveChangesAsync();
        }

        var report = await database.Get<ExperimentService>().ResultsAsync(experiment);

        Assert.Equal([new DateOnly(2026, 3, 5)], report.Series.Where(p => p.Variant == "A").Select(p => p.Day));
    }
}
