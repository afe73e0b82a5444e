using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>The results of a stored store experiment count its stores, from the store each exposure was assigned by.</summary>
public class StoreExperimentResultsTests
{
    [Fact]
    public async Task ResultsAsync_StoreExperiment_CountsTheStoresOfTheExposures()
    {
        await using var database = await TestDatabase.CreateAsync();
        var experiment = new Experiment
        {
            Name = "Shorter lists in some stores", Hypothesis = "Five suggestions are read, ten are not.", Status = ExperimentStatus.Running,
            Unit = ExperimentUnit.Store, PrimaryMetric = ExperimentMetric.AcceptanceRate, StartedAt = DateTime.UtcNow.AddDays(-10), // every customer's window has ended
            Variants = ExperimentJson.Write(new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1) }),
        };
        await using (var db = database.CreateContext())
        {
            db.Experiments.Add(experiment);
            var customers = Enumerable.Range(1, 12).Select(i => new Customer { CustomerCode = $"C{i}" }).ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            // Stores 1 and 2 in A, 3 in B; the twelfth customer (store 3) later shops at store 1 and is counted in B, at store 3, once.
            for (var i = 0; i < 12; i++)
            {
                var (store, variant) = (i % 3 + 1) switch { 1 => ("1", "A"), 2 => ("2", "A"), _ => ("3", "B") };
                db.ExperimentExposures.Add(new ExperimentExposure { ExperimentId = experiment.Id, Variant = variant, UnitKey = store, CustomerId = customers[i].Id,
                    OccurredAt = DateTime.UtcNow.AddDays(-9), Source = "lookup" });
            }
            db.ExperimentExposures.Add(new ExperimentExposure { ExperimentId = experiment.Id, Variant = "A", UnitKey = "1", CustomerId = customers[11].Id,
                OccurredAt = DateTime.UtcNow.AddDays(-8), Source = "lookup" });
            await db.SaveChangesAsync();
        }

        var report = await database.Get<ExperimentService>().ResultsAsync(experiment);

        Assert.Equal("stores", report.Units);
        Assert.Equal([(2L, 8L, 8L), (1L, 4L, 5L)], report.Variants.Select(v => (v.Units, v.Customers, v.Exposures)));
        Assert.StartsWith("Too few stores to tell: B has 1 so far.", report.Verdict.Text);
    }
}
