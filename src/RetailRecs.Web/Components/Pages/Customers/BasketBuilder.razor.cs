using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Web.Components.Shared;

namespace RetailRecs.Web.Components.Pages.Customers;

public partial class BasketBuilder
{
    [Inject] private ProductSearch Products { get; set; } = default!;
    [Inject] private RecommendationService Recommendations { get; set; } = default!;
    [Inject] private InteractionRecorder Recorder { get; set; } = default!;
    [Inject] private CounterVisits Visits { get; set; } = default!;

    [Parameter, EditorRequired] public int CustomerId { get; set; }
    /// <summary>The visit the basket belongs to (null until the card has taken it up).</summary>
    [Parameter] public string? VisitId { get; set; }
    /// <summary>The basket, owned by the card (suggestions added there land here too).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<BasketItem> Items { get; set; } = [];
    [Parameter] public EventCallback<BasketItem> OnAdd { get; set; }
    [Parameter] public EventCallback<BasketItem> OnRemove { get; set; }
    /// <summary>The associate ends the customer's visit (the basket is let go).</summary>
    [Parameter] public EventCallback OnEndVisit { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private KeyboardSearch<ProductSearch.Hit>? _search;
    private SuggestionList? _together;
    private int[] _shownFor = [];

    protected override async Task OnParametersSetAsync()
    {
        _adding.RemoveWhere(id => Items.Any(i => i.ProductId == id)); // in the basket now: guarded by that (and free again once removed)
        var ids = Items.Select(i => i.ProductId).ToArray();
        if (ids.SequenceEqual(_shownFor))
        {
            return;
        }
        _shownFor = ids;
        _together = null;
        if (ids.Length > 0)
        {
            var together = await Recommendations.BoughtTogetherAsync(ids, 5, CustomerId); // without what this customer said no to
            if (!ReferenceEquals(_shownFor, ids))
            {
                // A scanner added another product while this list was read: the newer basket's call shows (and records)
                // its own. Before 2026-12-07 the slower, older list could land last and stay under the newer basket.
                return;
            }
            _together = together;
            // What goes with the basket is a list shown like the suggestions: recorded once per basket in the visit (not
            // in the prerender, not again when the customer's screen or a reload shows it), so an add from it has its showing.
            if (RendererInfo.IsInteractive && _together.Items.Count > 0 && Visits.FirstShowingFor(VisitId, ids))
            {
                await Recorder.RecordShownAsync(CustomerId, _together, ShownLists.CardBasketSource, await StaffIdAsync());
            }
        }
    }

    private async Task<string?> StaffIdAsync() =>
        (await AuthState).User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    private async Task<IReadOnlyList<ProductSearch.Hit>> SearchAsync(string text, CancellationToken ct) =>
        (await Products.SearchAsync(text, 10, ct)).Where(h => !h.IsNonMerchandise).ToList();

    // A scanner's code (or a SKU typed in full) and Enter: the product, without waiting for the search.
    private async Task<ProductSearch.Hit?> ExactAsync(string code, CancellationToken ct) =>
        await Products.ExactAsync(code, ct) is { IsNonMerchandise: false } hit ? hit : null;

    private async Task AddFoundAsync(ProductSearch.Hit hit)
    {
        if (Items.All(i => i.ProductId != hit.Id))
        {
            await OnAdd.InvokeAsync(new BasketItem(hit.Id, hit.Sku, hit.Name, hit.UnitPrice));
        }
    }

    // Products being added from "what goes with the basket" until the basket holds them: a double tap's second press
    // comes before the card has the first, and recorded the add twice.
    private readonly HashSet<int> _adding = [];

    private async Task AddSuggestedAsync(Suggestion s)
    {
        if (Items.Any(i => i.ProductId == s.ProductId) || !_adding.Add(s.ProductId))
        {
            return;
        }
        try
        {
            await Recorder.RecordAsync(CustomerId, [s.ProductId], InteractionType.AddedToBasket, ShownLists.CardBasketSource, _together?.ModelRunId, await StaffIdAsync());
            await OnAdd.InvokeAsync(new BasketItem(s.ProductId, s.Sku, s.Name, s.Price));
        }
        catch
        {
            _adding.Remove(s.ProductId); // not added: another press may try again
            throw;
        }
    }

    private async Task RemoveAsync(BasketItem item)
    {
        await OnRemove.InvokeAsync(item);
        // The removed chip's button is gone: the focus goes back to the search, ready for the next scan.
        if (_search is not null)
        {
            await _search.FocusAsync();
        }
    }

    // A code made from the name (an export without codes) is not shown beside the name again.
    private static string SkuAndPrice(ProductSearch.Hit hit) =>
        string.Join(" · ", new[] { RetailRecs.Core.Catalog.ProductCodes.Shown(hit.Sku, hit.Name) is { } sku ? $"({sku})" : null, hit.UnitPrice?.ToString("C2") }.OfType<string>());
}
