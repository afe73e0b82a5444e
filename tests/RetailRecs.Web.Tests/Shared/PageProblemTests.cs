using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using RetailRecs.Core.Data;
using RetailRecs.Web.Components.Shared;

namespace RetailRecs.Web.Tests.Shared;

/// <summary>
/// The boundary every layout puts around its page: a page that fails (the database out of reach while its server
/// restarts) shows what happened and a way on, and the circuit stays alive, instead of the bar that asks for a reload.
/// </summary>
[Trait("Database", "None")]
public class PageProblemTests : StaffComponentTestContext
{
    /// <summary>A page that reads the database when it opens: it fails with whatever the test sets, then works.</summary>
    private sealed class ReadingPage : ComponentBase
    {
        public static Exception? Fault { get; set; }

        protected override void OnInitialized()
        {
            if (Fault is { } fault)
            {
                throw fault;
            }
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddMarkupContent(0, "<p id=\"page\">Customers</p>");
    }

    private IRenderedComponent<PageProblem> RenderPage(Exception? fault)
    {
        ReadingPage.Fault = fault;
        return Render<PageProblem>(p => p.AddChildContent<ReadingPage>());
    }

    [Fact]
    public void Render_DatabaseServerOutOfReach_SaysSoInWordsWithoutTheErrorsText_AndTryAgainShowsThePageOnceItIsBack()
    {
        var outage = new StorageUnavailableException(StorageFault.Unreachable, "Host=db01;Password=secret: connection refused");

        var page = RenderPage(outage);

        var problem = page.Find("[data-testid=page-problem]");
        Assert.Contains("The database is not answering", problem.TextContent);
        Assert.Contains("it may be restarting", problem.TextContent);
        Assert.DoesNotContain("db01", page.Markup);
        Assert.Empty(page.FindAll("#page"));

        ReadingPage.Fault = null;
        page.Find("[data-testid=page-problem-retry]").Click();

        Assert.Equal("Customers", page.Find("#page").TextContent);
        Assert.Empty(page.FindAll("[data-testid=page-problem]"));
    }

    [Fact]
    public void Render_DatabaseCommandTimedOut_SaysItDidNotAnswerInTime_BusyOrRestarting()
    {
        var page = RenderPage(new StorageUnavailableException(StorageFault.TimedOut, "Timeout during reading attempt"));

        var problem = page.Find("[data-testid=page-problem]");
        Assert.Contains("The database did not answer in time", problem.TextContent);
        Assert.Contains("It may be busy with other work, or restarting.", problem.TextContent);
        Assert.DoesNotContain("reading attempt", page.Markup);
    }

    [Fact]
    public void Render_AnyOtherFailure_SaysThePageRanIntoAProblem_NotThatTheDatabaseIsDown()
    {
        var page = RenderPage(new InvalidOperationException("customer 17850 not found in segment 3"));

        var problem = page.Find("[data-testid=page-problem]");
        Assert.Contains("This page ran into a problem", problem.TextContent);
        Assert.DoesNotContain("database", problem.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("17850", page.Markup);
    }

    [Fact]
    public void Render_PageThatWorks_ShowsOnlyThePage()
    {
        var page = RenderPage(null);

        Assert.Equal("Customers", page.Find("#page").TextContent);
        Assert.Empty(page.FindAll("[data-testid=page-problem]"));
    }
}
