using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Experiments.Statistics;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Pages.Experiments;

public partial class ExperimentForm
{
    [Inject] private ExperimentService Experiments { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<ModelRun> Runs { get; set; } = [];
    [Parameter] public EventCallback<Experiment> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private sealed class VariantInput
    {
        public string Name { get; set; } = "";
        public int RunId { get; set; }
        public SuggestionMode Mode { get; set; }
        public int K { get; set; } = 10;
        public double Weight { get; set; } = 50;
    }

    private string _name = "";
    private string _hypothesis = "";
    private ExperimentUnit _unit;
    private bool _aa;
    private readonly List<VariantInput> _variants = [new() { Name = "A" }, new() { Name = "B" }];
    private ExperimentMetric _primary = ExperimentMetric.PurchaseWithinDays;
    private readonly HashSet<ExperimentMetric> _guardrails = [ExperimentMetric.AcceptanceRate];
    private int _attributionDays = 7;
    private int _plannedDays = 14;
    private double _baseline = 10;
    private double _mde = 2;
    private bool _relative;
    private double _alpha = 0.05;
    private double _power = 0.8;
    private string? _error;

    private ActiveCustomers? _active;

    protected override async Task OnInitializedAsync() => _active = await Experiments.ActiveCustomersAsync(_plannedDays);

    private async Task PlannedDaysChanged(int days)
    {
        _plannedDays = days;
        _active = await Experiments.ActiveCustomersAsync(days);
    }

    private string? ReachWarning() => PerVariant() is { } n && _active is { } active
        ? ExperimentReach.Warning(n, _variants.Select(v => v.Weight).ToList(), active)
        : null;

    private void SetAA(bool on)
    {
        _aa = on;
        if (on)
        {
            foreach (var v in _variants.Skip(1))
            {
                (v.RunId, v.Mode, v.K) = (_variants[0].RunId, _variants[0].Mode, _variants[0].K);
            }
        }
    }

    private void AddVariant() => _variants.Add(new VariantInput { Name = ((char)('A' + _variants.Count)).ToString(), Weight = _variants[^1].Weight });

    private long? PerVariant()
    {
        try
        {
            // Planned at the level each comparison will be judged at (the risk split over them), or it falls short of the power.
            return SampleSize.PerVariant(_baseline / 100, _mde / 100, _relative, Bonferroni.PerComparison(_alpha, _variants.Count), _power);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    // A change too small to find needs more customers than a number holds: the verdict then waits for ever, as it should.
    private int? PlannedPerVariant() => PerVariant() is { } n ? (int)Math.Min(n, int.MaxValue) : null;

    private string SampleSizeText() => PerVariant() is { } n
        ? _unit == ExperimentUnit.Store
            // Stores are the units there (ExperimentAnalysis): the customer count is a floor, not a plan the verdict waits for.
            ? string.Create(CultureInfo.CurrentCulture, $"At least {n:N0} customers per variant, and more: a store's customers are alike, so a store experiment needs several stores per variant (no verdict under {ExperimentAnalysis.MinStoresPerVariant}) and more customers than one assigned customer by customer. The verdict waits for the planned days.")
            : string.Create(CultureInfo.CurrentCulture, $"About {n:N0} customers per variant ({ExperimentReach.Needed(n, _variants.Select(v => v.Weight).ToList()):N0} in all) to find a real change {_power:P0} of the time, with a {_alpha:0.#%} risk of a false winner{SplitText()}. The verdict waits for them.")
        : "Enter a baseline between 0 and 100% and a positive change that keeps the rate below 100%.";

    private string SplitText() => _variants.Count <= 2 ? ""
        : string.Create(CultureInfo.CurrentCulture, $" ({Bonferroni.PerComparison(_alpha, _variants.Count):0.##%} for each of the {_variants.Count - 1} comparisons with the control)");

    // Taken before the first await and kept once the draft is stored: a double tap, or a second click while the first
    // is being saved, stores one draft (and one audit entry). Given back when saving failed, to try again.
    private bool _saving;

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }
        _saving = true;
        var stored = false;
        try
        {
            stored = await SaveOnceAsync();
        }
        finally
        {
            _saving = stored;
        }
    }

    /// <returns>Whether the draft was stored.</returns>
    private async Task<bool> SaveOnceAsync()
    {
        _error = null;
        if (_aa)
        {
            SetAA(true);
        }
        var draft = new ExperimentDraft(_name, _hypothesis, _unit,
            _variants.Select(v => new ExperimentVariant(v.Name.Trim(), v.RunId == 0 ? null : v.RunId, v.Mode, v.K, v.Weight)).ToList(),
            _primary, _guardrails.ToList(), _attributionDays, _plannedDays,
            MetricText.IsRate(_primary) && _unit == ExperimentUnit.Customer ? PlannedPerVariant() : null, _aa, _alpha);
        try
        {
            var created = await Experiments.CreateAsync(draft, StaffClaims.Actor((await AuthState).User));
            await OnSaved.InvokeAsync(created);
            return true;
        }
        catch (ExperimentException e)
        {
            _error = e.Message;
            return false;
        }
        catch (Exception e) when (RetailRecs.Core.Data.StorageFaults.Describe(e) is { } fault)
        {
            // The page's error boundary would replace the whole form, and "Try again" rebuilt it empty: the manager's
            // variants, metrics and sample size stay here to save again.
            _error = $"The experiment was not saved. {fault.Message}";
            return false;
        }
    }
}
