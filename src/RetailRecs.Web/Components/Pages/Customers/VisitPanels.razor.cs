using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using MudBlazor;

namespace RetailRecs.Web.Components.Pages.Customers;

public partial class VisitPanels
{
    [Inject] private ProtectedSessionStorage Storage { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private CounterVisits Visits { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private const string StorageKey = "retailrecs.counterVisit";

    [Parameter, EditorRequired] public int CustomerId { get; set; }
    /// <summary>The visit a customer's screen was closed back to (when it ran in another window, whose tab stored none).</summary>
    [SupplyParameterFromQuery(Name = "visit")] public string? VisitFromScreen { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private CounterVisit _visit = CounterVisit.Start(0);
    private bool _restored;
    private string? _staff;

    protected override void OnInitialized() => Visits.Changed += OnVisitChanged;

    public void Dispose() => Visits.Changed -= OnVisitChanged;

    protected override async Task OnParametersSetAsync()
    {
        _staff = (await AuthState).User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (_visit.CustomerId != CustomerId)
        {
            // Another customer opened in the same page: their visit starts (and replaces the stored one) at once.
            var previous = _visit;
            _visit = CounterVisit.Start(CustomerId);
            if (_restored)
            {
                Visits.End(previous.VisitId);
                _visit = Visits.Attach(_visit, _staff) ?? _visit;
                await SaveAsync();
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Session storage is read through the browser: only once the page is interactive.
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }
        CounterVisit? stored = null;
        try
        {
            var read = await Storage.GetAsync<CounterVisit>(StorageKey);
            stored = read.Success ? read.Value : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Written under an earlier key ring (a reinstall): a new visit.
        }
        _restored = true;
        // The same customer's visit continues, with anything added while it was being read; any other is over.
        if (stored is not null && stored.CustomerId != CustomerId && stored.VisitId != VisitFromScreen)
        {
            Visits.End(stored.VisitId);
        }
        var visit = Visits.Find(VisitFromScreen, CustomerId, _staff) is { } fromScreen ? fromScreen.Merge(_visit)
            : stored is not null && stored.CustomerId == CustomerId ? stored.Merge(_visit) : _visit;
        if (visit.VisitId.Length == 0)
        {
            visit = visit with { VisitId = CounterVisit.NewId() }; // stored before visits had ids
        }
        // Held for the customer's screen; what the customer did there while this card was away comes back with it.
        _visit = Visits.Attach(visit, _staff) ?? Visits.Attach(visit with { VisitId = CounterVisit.NewId() }, _staff) ?? visit;
        await SaveAsync();
        StateHasChanged();
    }

    // The customer's screen (or this card) changed the visit: shown here at once, and kept for a reload.
    private void OnVisitChanged(VisitChange change)
    {
        if (!_restored || change.VisitId != _visit.VisitId || change.Visit is null)
        {
            return;
        }
        _ = InvokeAsync(async () =>
        {
            if (change.VisitId != _visit.VisitId)
            {
                return; // another customer came meanwhile
            }
            _visit = change.Visit;
            if (change.FromCustomer is { } said)
            {
                Snackbar.Add(said, Severity.Info);
            }
            await SaveAsync();
            StateHasChanged();
        });
    }

    private Task AddAsync(BasketItem item) => ChangeAsync(v => v.Holds(item.ProductId) ? null : v.With(item));

    private Task RemoveAsync(BasketItem item) => ChangeAsync(v => v.Holds(item.ProductId) ? v.Without(item) : null);

    private Task MarkAsync(SuggestionMark mark) => ChangeAsync(v => v.Marked(mark.ProductId, mark.Answer));

    private async Task ChangeAsync(Func<CounterVisit, CounterVisit?> change)
    {
        if (!_restored)
        {
            // Before the stored visit is read (a scan in the first moments): kept here, merged with it when it comes.
            _visit = change(_visit) ?? _visit;
            return;
        }
        // Through the shared visit, so the customer's screen shows it too; a visit let go (idle for hours) is held again.
        _visit = Visits.Change(_visit.VisitId, change) ?? (Visits.Find(_visit.VisitId, CustomerId, _staff) is null
            ? Visits.Attach(change(_visit) ?? _visit, _staff) ?? _visit
            : _visit);
        await SaveAsync();
    }

    private Task SaveAsync() => Storage.SetAsync(StorageKey, _visit).AsTask();

    private async Task EndAsync()
    {
        Visits.End(_visit.VisitId);
        await Storage.DeleteAsync(StorageKey);
        Navigation.NavigateTo("/customers");
    }
}
