using Microsoft.ML;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>The two hybrids of one training job share cut-offs and the capacity search, and must learn what each would alone.</summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class HybridTrainingShareTests
{
    [Fact]
    public async Task Train_ServedHybridAfterTheSelections_LearnsWhatTheChosenCapacityLearnsAlone_AndNoCutOffIsKeptMeanwhile()
    {
        var data = await DemoSales.LoadAsync();
        var (parameters, _, share, selection) = SelectionsHybrid(data);

        Assert.Null(selection.Error);
        Assert.NotNull(share.Capacity);
        // The selection's scoring and the served models' training run next: the cut-offs' snapshots and components
        // (gigabytes on a chain's data) are not kept through them, only the served hybrid's examples.
        Assert.Equal(0, share.CutOffsHeld);

        var served = BundleTrainer.Train(data, [AlgorithmNames.Hybrid], parameters, share: share).Single().Bundle!.Ranker;
        // The same capacity, every cut-off computed afresh by the served hybrid itself.
        var alone = BundleTrainer.Train(data, [AlgorithmNames.Hybrid], parameters,
            share: new HybridTrainingShare(data, parameters) { Capacity = share.Capacity }).Single().Bundle!.Ranker;

        var customers = Enumerable.Range(0, data.CustomerCount).Where(c => data.Histories[c].Length > 0).Take(200).ToList();
        foreach (var c in customers)
        {
            var query = new RecommendationQuery(data.Histories[c], [], data.LastDay, c);
            Assert.Equal(alone.Recommend(query, 10).Select(x => (x.Item, x.Score)), served.Recommend(query, 10).Select(x => (x.Item, x.Score)));
        }
        Assert.Equal(0, share.CutOffsHeld);
    }

    [Fact]
    public async Task Train_SelectionsHybrid_IsTheCapacitySearchsOwnModelCutToTheChosenTrees()
    {
        var data = await DemoSales.LoadAsync();
        var (parameters, split, share, trained) = SelectionsHybrid(data);
        var selection = Assert.IsType<HybridModel>(trained.Bundle!.Ranker);

        // The same search run alone: its model of the chosen capacity, cut to the chosen number of trees.
        var (rows, groups) = HybridModel.ExamplesOf(split.Train, parameters, capacity: null, share: null, content: null, default);
        var (chosen, learned) = RankerCapacity.Choose(rows, groups, parameters.Seed, default);
        Assert.Equal(share.Capacity, chosen);
        Assert.True(chosen.Trees < RankerCapacity.MaxTrees, $"the demo slice should stop before {RankerCapacity.MaxTrees} trees; chose {chosen}");
        var searched = new MLContext(1).Model.Load(new MemoryStream(learned!), out _);
        var cut = CompiledTrees.From(searched, chosen.Trees)!;
        var whole = CompiledTrees.From(searched)!;
        // (LightGBM may stop before the last step when no split is left: the cut then keeps every tree.)
        Assert.Equal(Math.Min(chosen.Trees, whole.Count), selection.RankerTrees);

        var features = rows.Select(r => r.Features).Take(300).ToList();
        var staged = new float[RankerCapacity.MaxTrees / RankerCapacity.TreeStep];
        foreach (var f in features)
        {
            Assert.Equal(cut.Score(f), selection.ScoreCompiled(f));
            // The cut model is the whole one stopped after its trees.
            whole.Staged(f, RankerCapacity.TreeStep, staged);
            Assert.Equal(staged[chosen.Trees / RankerCapacity.TreeStep - 1], cut.Score(f), 4);
        }
        // Not a model fitted again from every customer (what the served hybrid learns).
        var (refitted, _) = RankerCapacity.FitWith(chosen, rows, groups, parameters.Seed);
        var fitted = CompiledTrees.From(new MLContext(1).Model.Load(new MemoryStream(refitted), out _))!;
        Assert.Contains(features, f => fitted.Score(f) != selection.ScoreCompiled(f));
    }

    /// <summary>Too few held-out customers to measure a capacity (a small shop): the fallback is still the served hybrid's.</summary>
    [Fact]
    public async Task Train_SelectionsSearchFallsBack_ServedHybridStillLearnsWithItsCapacity_NoSecondSearch()
    {
        var slice = await DemoSales.LoadAsync();
        // A tenth of the demo slice's customers: too few validate for the search to measure anything.
        var data = new TrainingData(slice.Items, slice.CustomerIds, slice.Purchases.Where(p => p.Customer < 0 || p.Customer % 10 == 0).ToList(),
            slice.FirstDay, slice.LastDay);
        var (parameters, _, share, selection) = SelectionsHybrid(data);

        Assert.Null(selection.Error);
        Assert.NotNull(share.Capacity);
        Assert.Null(share.Capacity.ValidationNdcg); // the fallback, not a measured choice
        var served = Assert.IsType<HybridModel>(BundleTrainer.Train(data, [AlgorithmNames.Hybrid], parameters, share: share).Single().Bundle!.Ranker);
        Assert.Equal(share.Capacity, served.Capacity);
    }

    /// <summary>The champion selection's hybrid of a training job on <paramref name="data"/>: learned without the last 30 days, sharing with the job.</summary>
    private static (TrainingParameters Parameters, HoldoutSplit Split, HybridTrainingShare Share, BundleTrainer.Trained Selection) SelectionsHybrid(TrainingData data)
    {
        var parameters = new TrainingParameters();
        var split = HoldoutSplit.Create(data, new EvaluationOptions { HoldoutDays = ChampionSelection.HoldoutDays });
        var share = new HybridTrainingShare(data, parameters);
        return (parameters, split, share, BundleTrainer.Train(split.Train, [AlgorithmNames.Hybrid], parameters, share: share).Single());
    }

    [Fact]
    public async Task Examined_SelectionsExamplesFromOneCutOff_KeepsOnlyTheCutOffsTheServedHybridCanReach()
    {
        var data = await DemoSales.LoadAsync();
        var share = new HybridTrainingShare(data, new TrainingParameters());
        var latest = share.At(HybridModel.CutOffDay(data, 0), default); // the selection's own data
        share.At(HybridModel.CutOffDay(data, 1), default); // the selection's latest cut-off
        var selection = latest.Before;

        // Examples from two cut-offs: the served hybrid may learn from two, so both stay.
        share.Examined(selection, cutOffsUsed: 2);
        Assert.Equal(2, share.CutOffsHeld);
        // From one: its capacity reaches only the latest, which the selection's own models serve.
        share.Examined(selection, cutOffsUsed: 1);
        Assert.Equal(1, share.CutOffsHeld);
        Assert.Same(latest, share.At(HybridModel.CutOffDay(data, 0), default));
    }
}
