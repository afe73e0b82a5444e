using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using RetailRecs.Web.Components.Shared;

namespace RetailRecs.Web.Tests.Shared;

/// <summary>The counter's search box, driven by keys alone as a keyboard or a barcode scanner drives it.</summary>
[Trait("Database", "None")]
public class KeyboardSearchTests : StaffComponentTestContext
{
    private readonly List<string> _picked = [];

    private IRenderedComponent<KeyboardSearch<string>> RenderSearch(
        Func<string, CancellationToken, Task<IReadOnlyList<string>>> search, Func<string, CancellationToken, Task<string?>>? exact = null)
    {
        // Interactive, as on the counter: before that the field is disabled (keystrokes into the prerendered page would be lost).
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<KeyboardSearch<string>>(p => p
            .Add(s => s.Label, "Product")
            .Add(s => s.SearchFunc, search)
            .Add(s => s.ExactMatch, exact)
            .Add(s => s.DebounceMilliseconds, 0)
            .Add(s => s.ItemTemplate, (RenderFragment<string>)(item => b => b.AddContent(0, item)))
            .Add(s => s.OnPick, (string item) => _picked.Add(item)));
    }

    private static Task<IReadOnlyList<string>> Matches(string text, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(new[] { "Red mug", "Red lamp", "Blue mug" }.Where(m => m.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList());

    [Fact]
    public void ArrowDown_AfterTheMatchesAnswer_HighlightsTheFirst_AndEnterTakesIt()
    {
        var search = RenderSearch(Matches);

        search.Find("input").Input("red");
        search.WaitForAssertion(() => Assert.Equal(2, search.FindAll("[role=option]").Count));
        Assert.All(search.FindAll("[role=option]"), o => Assert.Equal("false", o.GetAttribute("aria-selected")));
        search.Find("input").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Equal("true", search.FindAll("[role=option]")[0].GetAttribute("aria-selected"));
        search.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["Red mug"], _picked);
        Assert.Empty(search.FindAll("[role=option]"));
        Assert.Equal("", search.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void Enter_BeforeTheSearchAnswers_TakesTheExactCodeMatch_AndClearsTheField()
    {
        var never = new TaskCompletionSource<IReadOnlyList<string>>();
        var search = RenderSearch((_, _) => never.Task, (code, _) => Task.FromResult(code == "85123A" ? "Heart holder" : null));

        search.Find("input").Input("85123A");
        search.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["Heart holder"], _picked);
        Assert.Equal("", search.Find("input").GetAttribute("value"));
        // The next scan clears again, though the value rendered last time was already empty.
        search.Find("input").Input("85123A");
        search.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(["Heart holder", "Heart holder"], _picked);
        Assert.Null(search.Find("input").GetAttribute("value")); // no attribute at all: Blazor empties the field
    }

    [Fact]
    public void Enter_OnAnUnknownCode_TakesNothing_KeepsTheText_AndShowsWhatMatches()
    {
        var search = RenderSearch(Matches, (_, _) => Task.FromResult<string?>(null));

        search.Find("input").Input("zzz");
        search.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(_picked);
        Assert.Equal("zzz", search.Find("input").GetAttribute("value"));
        search.WaitForAssertion(() => Assert.Equal("No match.", search.Find("[data-testid=search-empty]").TextContent));
    }
}
