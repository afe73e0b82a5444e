using RetailRecs.Core.Analytics;
using RetailRecs.Web.Components.Pages.Dashboard;

namespace RetailRecs.Web.Tests.Pages.Dashboard;

[Trait("Database", "None")]
public class DashboardAddressTests
{
    /// <summary>A shop whose history is all in 1985: the default view is its year, and a typed date in it is kept.</summary>
    [Fact]
    public void ToFilter_DefaultViewOrTypedDatesInAnOldHistory_KeepsThem()
    {
        var year1985 = new DashboardFilter(new DateOnly(1985, 1, 1), new DateOnly(1985, 12, 31));

        var byDefault = new DashboardAddress(null, null, null, null, null, null).ToFilter(year1985);
        var typed = new DashboardAddress("1985-03-01", "1985-03-31", null, null, null, null).ToFilter(null);

        Assert.Equal((year1985.From, year1985.To), (byDefault.From, byDefault.To));
        Assert.Equal((new DateOnly(1985, 3, 1), new DateOnly(1985, 3, 31)), (typed.From, typed.To));
    }

    [Fact]
    public void ToFilter_DatesTypedFarOutsideAnyHistory_AreBroughtBackIntoRange()
    {
        var filter = new DashboardAddress("0001-01-01", "9999-12-31", null, null, null, null).ToFilter(null);

        Assert.Equal((new DateOnly(1900, 1, 1), new DateOnly(2100, 12, 31)), (filter.From, filter.To));
    }
}
