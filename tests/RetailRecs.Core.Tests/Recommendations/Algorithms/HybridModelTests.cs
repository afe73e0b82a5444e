using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Tests.Recommendations.Algorithms;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class HybridModelTests
{
    [Fact]
    public async Task Train_DemoSliceAndHalfOfItsCustomers_ValidationChoosesDifferentCapacities()
    {
        var slice = await DemoSales.LoadAsync();
        // The same real sales with every other customer left out (guest baskets kept): a shop half the size.
        var half = new TrainingData(slice.Items, slice.CustomerIds, slice.Purchases.Where(p => p.Customer < 0 || p.Customer % 2 == 0).ToList(),
            slice.FirstDay, slice.LastDay);
        var parameters = new TrainingParameters();

        var large = HybridModel.Train(slice, HybridModel.ComponentsOf(slice, parameters, default), parameters).Capacity;
        var small = HybridModel.Train(half, HybridModel.ComponentsOf(half, parameters, default), parameters).Capacity;

        // Both measured on held-out customers (not the fallback for too few of them), and the measurement differs.
        Assert.NotNull(large.ValidationNdcg);
        Assert.NotNull(small.ValidationNdcg);
        Assert.True(large.ValidationCustomers > small.ValidationCustomers);
        Assert.NotEqual((large.Leaves, large.Trees, large.CutOffs), (small.Leaves, small.Trees, small.CutOffs));
    }
}
