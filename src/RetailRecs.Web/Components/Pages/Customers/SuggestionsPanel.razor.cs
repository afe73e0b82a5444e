using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Components.Pages.Customers;

public partial class SuggestionsPanel
{
    /// <summary>The mark the visit keeps for a product the associate recorded as "Not interested": the customer's screen drops it.</summary>
    public const string NotInterestedMark = "not interested";

    [Inject] private RecommendationService Recommendations { get; set; } = default!;
    [Inject] private InteractionRecorder Recorder { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private RetailRecs.Core.Recommendations.Live.LiveUpdates Live { get; set; } = default!;

    [Parameter, EditorRequired] public int CustomerId { get; set; }
    /// <summary>Told when the associate records that a suggestion went into the basket.</summary>
    [Parameter] public EventCallback<Suggestion> OnAddedToBasket { get; set; }
    /// <summary>Answers recorded earlier in the visit (before "Show to customer" or a reload), shown as this panel's own.</summary>
    [Parameter] public IReadOnlyDictionary<int, string>? Marks { get; set; }

    /// <summary>
    /// What the basket holds now: a suggestion in it says so (scanned in as well as added from here), and one taken out
    /// of it offers its answers again (its "in the basket" stayed, with no button, while the customer's screen offered it).
    /// </summary>
    [Parameter] public IReadOnlyCollection<int> InBasket { get; set; } = [];

    public const string InBasketMark = "in the basket";
    private HashSet<int> _basketBefore = [];

    /// <summary>The answer shown for a suggestion, or null to offer the buttons.</summary>
    private string? Answer(int productId)
    {
        if (InBasket.Contains(productId))
        {
            return InBasketMark;
        }
        if (_done.TryGetValue(productId, out var done))
        {
            return done; // pressed here: "in the basket" until the basket is seen to let it go (FollowTheBasket)
        }
        // The visit's mark of a product no longer in its basket: taken out since.
        var marked = Marks?.GetValueOrDefault(productId);
        return marked == InBasketMark ? null : marked;
    }

    /// <summary>Products taken out of the basket since the last render can be added (and recorded) again.</summary>
    private void FollowTheBasket()
    {
        foreach (var removed in _basketBefore.Where(id => !InBasket.Contains(id)))
        {
            if (_done.GetValueOrDefault(removed) == InBasketMark)
            {
                _done.Remove(removed);
                _answered.Remove(removed);
            }
        }
        _basketBefore = [.. InBasket];
    }
    /// <summary>Told of each answer recorded here, so the visit keeps it.</summary>
    [Parameter] public EventCallback<SuggestionMark> OnMarked { get; set; }
    /// <summary>The counter visit the screen turned to the customer is bound to; null until the card holds it (a moment after it connects).</summary>
    [Parameter] public string? VisitId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string ShowHref => $"/customers/{CustomerId}/show?visit={Uri.EscapeDataString(VisitId ?? "")}{(_replenish ? "&mode=replenishment" : "")}";

    private SuggestionList? _list;
    private bool _replenish;
    private readonly Dictionary<int, string> _done = [];

    private int _loadedFor;

    /// <summary>
    /// The list this panel last recorded as shown (customer, mode, model run, products in order). Kept when the circuit
    /// is paused and resumed (a tablet that slept, see ReconnectModal.razor.js): the resumed panel lists the customer's
    /// suggestions again and records them only if they changed meanwhile, as a refresh would; the card it sits on is
    /// not a new view either.
    /// </summary>
    [PersistentState] public string? Recorded { get; set; }

    // A sale arriving while the card's first list is still being read would otherwise record it, and the first load again.
    private readonly Shared.OneAtATime _loads = new();

    protected override void OnInitialized() => Live.CustomerChanged += OnCustomerChanged;

    // A till or the web shop sold to this customer: the list changes without a reload.
    private void OnCustomerChanged(int customerId)
    {
        if (customerId != CustomerId)
        {
            return;
        }
        _ = InvokeAsync(async () =>
        {
            await LoadAsync(newView: false);
            _updated = DateTime.Now;
            StateHasChanged();
        });
    }

    private DateTime? _updated;

    public void Dispose() => Live.CustomerChanged -= OnCustomerChanged;

    protected override async Task OnParametersSetAsync()
    {
        FollowTheBasket();
        // The prerender shows the progress bar: the interactive render that follows asks for the list once and is
        // what the associate sees, so it alone records the list as shown. A load already started for this customer
        // covers every later render: the card's next parameters (its visit, a basket change) can arrive while the
        // database is still answering, and a second load then would record the same list twice.
        if (!RendererInfo.IsInteractive || _loadedFor == CustomerId)
        {
            return; // nor is a re-render of the card (the basket changed) a new list shown to the customer
        }
        if (_loadedFor != CustomerId)
        {
            // Another customer at the counter (the card reuses this panel): their answers start afresh.
            _done.Clear();
            _answered.Clear();
        }
        _loadedFor = CustomerId;
        await LoadAsync(newView: Recorded?.StartsWith($"{CustomerId}/", StringComparison.Ordinal) != true);
    }

    private async Task ModeChanged(bool replenish)
    {
        _replenish = replenish;
        await LoadAsync(newView: true);
    }

    /// <param name="newView">
    /// The associate asked for a list (opened the card, switched mode): recorded as shown whatever it holds. A refresh
    /// (a sale came in, a product was dismissed) is recorded only when it shows a different list.
    /// </param>
    private Task LoadAsync(bool newView) => _loads.RunAsync(() => LoadOnceAsync(newView));

    private async Task LoadOnceAsync(bool newView)
    {
        try
        {
            _list = await Recommendations.ForCustomerAsync(CustomerId, _replenish ? SuggestionMode.Replenishment : SuggestionMode.Discovery);
        }
        catch (UnknownCustomerException)
        {
            _list = new SuggestionList(null, null, false, [], "This customer no longer exists.");
            return;
        }
        var shown = $"{CustomerId}/{_replenish}/{_list.ModelRunId}/{string.Join(',', _list.Items.Select(s => s.ProductId))}";
        if (newView || shown != Recorded)
        {
            // On screen first, recorded right after, off the circuit's thread (as the card's audit entry: an import's write
            // lock must not hold up the list). Marked before the write, so a refresh meanwhile does not record it again.
            var previous = Recorded;
            Recorded = shown;
            StateHasChanged();
            var (list, staff) = (_list, await StaffIdAsync());
            try
            {
                await Task.Run(() => Recorder.RecordShownAsync(CustomerId, list, "lookup", staff));
            }
            catch
            {
                Recorded = previous;
                throw;
            }
        }
    }

    // Products answered from this panel: a second tap (a double tap, an impatient associate, a tap on a row that a
    // refresh is replacing) would record the answer twice. Taken before the first await; given back only if storing
    // the answer failed, so the associate can try again.
    private readonly HashSet<int> _answered = [];

    private async Task Record(Suggestion s, InteractionType type)
    {
        if (!_answered.Add(s.ProductId))
        {
            return;
        }
        try
        {
            await RecordOnceAsync(s, type);
        }
        catch
        {
            _answered.Remove(s.ProductId);
            throw;
        }
    }

    private async Task RecordOnceAsync(Suggestion s, InteractionType type)
    {
        // Off the circuit's thread: while an import holds SQLite's write lock the answer waits, the page does not freeze.
        var (modelRunId, staff) = (_list?.ModelRunId, await StaffIdAsync());
        await Task.Run(() => Recorder.RecordAsync(CustomerId, [s.ProductId], type, "lookup", modelRunId, staff));
        if (type == InteractionType.Dismissed)
        {
            // Through the visit, so an open customer screen drops the product too (the list here is reloaded without it).
            await OnMarked.InvokeAsync(new SuggestionMark(s.ProductId, NotInterestedMark));
            Snackbar.Add($"{RetailRecs.Core.Model.ProductName.Display(s.Name)} will not be suggested to this customer again.", Severity.Info);
            await LoadAsync(newView: false);
            return;
        }
        _done[s.ProductId] = type == InteractionType.Accepted ? "accepted" : InBasketMark;
        await OnMarked.InvokeAsync(new SuggestionMark(s.ProductId, _done[s.ProductId]));
        if (type == InteractionType.AddedToBasket)
        {
            await OnAddedToBasket.InvokeAsync(s);
        }
    }

    private async Task<string?> StaffIdAsync() =>
        (await AuthState).User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
}
