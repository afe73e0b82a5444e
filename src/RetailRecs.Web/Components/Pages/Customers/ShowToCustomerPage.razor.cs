using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Components.Pages.Customers;

public partial class ShowToCustomerPage
{
    [Inject] private RecommendationService Recommendations { get; set; } = default!;
    [Inject] private InteractionRecorder Recorder { get; set; } = default!;
    [Inject] private ProductSearch Products { get; set; } = default!;
    [Inject] private CounterVisits Visits { get; set; } = default!;
    [Inject] private RetailRecs.Core.Recommendations.Live.LiveUpdates Live { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;


    /// <summary>The mark the card shows for a product the customer turned down on this screen.</summary>
    public const string NotForMeMark = "not for me";
    /// <summary>The interaction source of what happens on this screen.</summary>
    public const string Source = "show";

    [Parameter] public int Id { get; set; }
    [SupplyParameterFromQuery(Name = "visit")] public string? VisitId { get; set; }
    [SupplyParameterFromQuery(Name = "mode")] public string? Mode { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private CounterVisit? _visit;
    private bool _ended;
    private string? _staff;
    private SuggestionList? _list;
    private SuggestionList? _together;
    private int[] _togetherFor = [];
    private IReadOnlyDictionary<int, ProductSearch.Details> _products = new Dictionary<int, ProductSearch.Details>();
    private bool _recorded;
    // How many times a sale or event refreshed the screen (on the page as data-refreshes, for tests and support).
    private int _refreshes;

    protected override void OnInitialized()
    {
        Visits.Changed += OnVisitChanged;
        Live.CustomerChanged += OnCustomerChanged;
    }

    public void Dispose()
    {
        Visits.Changed -= OnVisitChanged;
        Live.CustomerChanged -= OnCustomerChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        _staff = (await AuthState).User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        _visit = Visits.Find(VisitId, Id, _staff);
        if (_visit is null)
        {
            _list = null;
            return; // nothing of any customer's is read for a screen not bound to a visit
        }
        await LoadListAsync(refresh: false);
    }

    private readonly Shared.OneAtATime _loads = new();

    /// <param name="refresh">A sale or event for the customer came in while the screen is open (not a new page view).</param>
    private Task LoadListAsync(bool refresh) => _loads.RunAsync(() => LoadListOnceAsync(refresh));

    private async Task LoadListOnceAsync(bool refresh)
    {
        var mode = string.Equals(Mode, "replenishment", StringComparison.OrdinalIgnoreCase) ? SuggestionMode.Replenishment : SuggestionMode.Discovery;
        try
        {
            _list = await Recommendations.ForCustomerAsync(Id, mode);
        }
        catch (UnknownCustomerException)
        {
            _list = new SuggestionList(null, null, false, []);
        }
        await LoadTogetherAsync();
        // Turning the screen to the customer usually shows the list the card just recorded: that is the same showing.
        // A list that changed since (or was never on the card) is a new one: the list as this screen shows it. The
        // prerender records nothing: the interactive render that follows shows the list. A refresh records the list
        // only when it differs from the one last recorded (the card, if open, refreshes too).
        if (RendererInfo.IsInteractive && (!_recorded || refresh))
        {
            _recorded = true;
            await Recorder.RecordShownAsync(Id, _list with { Items = Visible(_list) }, Source, _staff, unlessAlreadyShown: true);
        }
    }

    // A till or the web shop sold to this customer (or a store system sent an event): the screen follows, as the card does.
    private void OnCustomerChanged(int customerId)
    {
        if (customerId != Id || _visit is null)
        {
            return;
        }
        _ = InvokeAsync(async () =>
        {
            if (_visit is not null)
            {
                await LoadListAsync(refresh: true);
                _refreshes++;
                StateHasChanged();
            }
        });
    }

    /// <summary>What goes with the basket, and the catalog's word on every product on the screen (sensitive or not, for the details).</summary>
    private async Task LoadTogetherAsync()
    {
        var basket = _visit?.Items.Select(i => i.ProductId).ToArray() ?? [];
        var fresh = _together is null || !basket.SequenceEqual(_togetherFor);
        if (fresh)
        {
            _togetherFor = basket;
            var read = basket.Length == 0 ? null : await Recommendations.BoughtTogetherAsync(basket, 5, Id);
            if (!ReferenceEquals(_togetherFor, basket))
            {
                return; // the basket changed while this list was read (a quick second add): the newer call shows and records its own
            }
            _together = read;
        }
        var ids = basket.Concat(_list?.Items.Select(s => s.ProductId) ?? []).Concat(_together?.Items.Select(s => s.ProductId) ?? []).ToHashSet();
        if (!ids.SetEquals(_products.Keys))
        {
            _products = await Products.DetailsAsync(ids);
        }
        // A new "goes with your basket" list is a showing, once per basket in the visit: when the card showed the list
        // for this basket already (CounterVisits), the customer seeing it here is the same showing.
        if (fresh && RendererInfo.IsInteractive && _together is { } together && Visible(together) is { Count: > 0 } visible
            && Visits.FirstShowingFor(_visit?.VisitId, basket))
        {
            await Recorder.RecordShownAsync(Id, together with { Items = visible }, ShownLists.ScreenBasketSource, _staff);
        }
    }

    private string? PictureOf(int productId) => _products.TryGetValue(productId, out var p) ? p.PictureUrl : null;

    // What the customer does from the list that goes with the basket is told apart from what they do from their suggestions.
    private string SourceOf(SuggestionList from) => ReferenceEquals(from, _list) ? Source : ShownLists.ScreenBasketSource;

    // Sensitive products with no one's purchases: not even what this customer bought is shown on their screen.
    private bool MayShow(int productId) =>
        _products.TryGetValue(productId, out var p) && SensitiveProducts.MayShow(p.IsSensitive, p.Id, SensitiveProducts.NoOne);

    // A product the associate recorded as not interesting during the visit leaves this screen at once, as it left the card.
    private List<Suggestion> Visible(SuggestionList list) =>
        list.Items.Where(s => MayShow(s.ProductId) && _products[s.ProductId].Recommendable && !IsNotInterested(s.ProductId)).ToList();

    private bool IsNotInterested(int productId) =>
        _visit?.Marks.TryGetValue(productId, out var mark) == true && mark == SuggestionsPanel.NotInterestedMark;

    private bool IsNotForMe(int productId) => _visit?.Marks.TryGetValue(productId, out var mark) == true && mark == NotForMeMark;

    // The card (or this screen, or another screen of the same visit) changed the visit.
    private void OnVisitChanged(VisitChange change)
    {
        if (_visit is null || change.VisitId != _visit.VisitId)
        {
            return;
        }
        _ = InvokeAsync(async () =>
        {
            _visit = change.Visit;
            _ended = change.Visit is null;
            if (_visit is not null)
            {
                await LoadTogetherAsync();
            }
            StateHasChanged();
        });
    }

    /// <summary>The customer adds a product: into the visit's basket (the card shows it at once) and, once, as "added to basket".</summary>
    private async Task AddAsync(Suggestion s, SuggestionList from)
    {
        if (_visit is not { } visit)
        {
            return;
        }
        var name = ReasonText.Name(s.Name);
        var changed = Visits.Change(visit.VisitId,
            v => v.Holds(s.ProductId) ? null : v.With(new BasketItem(s.ProductId, s.Sku, s.Name, s.Price)).Marked(s.ProductId, SuggestionsPanel.InBasketMark),
            $"The customer added {name} to the basket.");
        if (changed is null)
        {
            return; // already in the basket (a second tap, or the associate added it meanwhile): nothing to record
        }
        _visit = changed;
        await Recorder.RecordAsync(Id, [s.ProductId], RetailRecs.Core.Model.InteractionType.AddedToBasket, SourceOf(from), from.ModelRunId, _staff);
        await LoadTogetherAsync();
    }

    /// <summary>
    /// "Not for me": the same answer as the associate's "Not interested" (a dismissal: never suggested to them again),
    /// recorded once, and marked on the card.
    /// </summary>
    private async Task NotForMeAsync(Suggestion s, SuggestionList from)
    {
        if (_visit is not { } visit)
        {
            return;
        }
        var changed = Visits.Change(visit.VisitId,
            v => v.Holds(s.ProductId) || (v.Marks.TryGetValue(s.ProductId, out var mark) && mark == NotForMeMark) ? null : v.Marked(s.ProductId, NotForMeMark),
            $"The customer said {ReasonText.Name(s.Name)} is not for them: it will not be suggested to them again.");
        if (changed is null)
        {
            return;
        }
        _visit = changed;
        await Recorder.RecordAsync(Id, [s.ProductId], RetailRecs.Core.Model.InteractionType.Dismissed, SourceOf(from), from.ModelRunId, _staff);
    }

    /// <summary>"Tell me more": the product's details; the associate's card is told what the customer is looking at. Nothing is recorded.</summary>
    private async Task MoreAsync(Suggestion s, SuggestionList from)
    {
        if (_visit is not { } visit || !_products.TryGetValue(s.ProductId, out var product))
        {
            return;
        }
        Visits.Tell(visit.VisitId, $"The customer is looking at {ReasonText.Name(s.Name)}.");
        var canAdd = !visit.Holds(s.ProductId) && !IsNotForMe(s.ProductId);
        var dialog = await Dialogs.ShowAsync<ProductDetailsDialog>(null,
            new DialogParameters<ProductDetailsDialog> { { d => d.Product, product }, { d => d.CanAdd, canAdd } },
            new DialogOptions { CloseButton = true, CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await AddAsync(s, from);
        }
    }

    // Back to the associate's view of this visit (the card keeps the visit); a screen bound to nothing goes to the search.
    // The visit's id goes along, so a card opened in this window (another than the associate's) takes the visit up too.
    private void Close() => Navigation.NavigateTo(_visit is { } visit ? $"/customers/{Id}?visit={Uri.EscapeDataString(visit.VisitId)}"
        : _ended ? $"/customers/{Id}" : "/customers");

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");
}
