using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Web.Components.Charts;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Pages.Experiments;

public partial class ExperimentResultsPanel
{
    [Inject] private ExperimentService Experiments { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Parameter, EditorRequired] public Experiment Experiment { get; set; } = default!;
    [Parameter] public ExperimentReport? Report { get; set; }
    [Parameter] public IReadOnlyList<ModelRun> Runs { get; set; } = [];
    [Parameter] public EventCallback OnChanged { get; set; }

    private IReadOnlyList<ExperimentVariant> _variants = [];
    private IReadOnlyList<ExperimentMetric> _guardrails = [];
    private bool _stopping;
    private string? _winner;
    private bool _promote;
    private System.Security.Claims.ClaimsPrincipal _user = new();

    private bool IsAdmin => _user.IsInRole(StaffRoles.Admin);
    private int? WinnerRunId => _variants.FirstOrDefault(v => v.Name == _winner)?.ModelRunId;
    // Ticked for a winner with a model, then another winner chosen (the champion's variant, or none): the box greyed
    // out still ticked, and every Stop was refused ("already serves the champion") until it was unticked.
    private bool Promote => _promote && IsAdmin && WinnerRunId is not null;

    protected override async Task OnParametersSetAsync()
    {
        _variants = ExperimentJson.VariantsOf(Experiment);
        _guardrails = ExperimentJson.GuardrailsOf(Experiment);
        _user = (await AuthState).User;
    }

    // The figures above leave them out until their purchases are all in (ExperimentService.ResultsAsync).
    private string PendingText(ExperimentReport r) => string.Create(CultureInfo.CurrentCulture,
        $"{r.Pending:N0} more {(r.Pending == 1 ? "customer was" : "customers were")} shown suggestions less than {Experiment.AttributionDays} days ago: " +
        $"not counted yet, each once their {Experiment.AttributionDays}-day window ends (all by {r.PendingUntil!.Value.ToLocalTime():d MMM yyyy HH:mm}).");

    private string RunText(int? id) => id is null ? "The champion"
        : Runs.FirstOrDefault(r => r.Id == id) is { } run ? $"Run {id}: {AlgorithmNames.Describe(run.Algorithm)}" : $"Run {id}";

    // Start and Stop now: a second press while the first is stored said "already started" beside "Started".
    private readonly Shared.PressOnce _press = new();

    private Task StartAsync() => _press.RunAsync(async () =>
    {
        try
        {
            await Experiments.StartAsync(Experiment.Id, StaffClaims.Actor(_user));
            Snackbar.Add("Started: customers get their variant from their next suggestions.", Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (ExperimentException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    });

    private Task StopAsync() => _press.RunAsync(StopOnceAsync);

    private async Task StopOnceAsync()
    {
        try
        {
            await Experiments.StopAsync(Experiment.Id, StaffClaims.Actor(_user), _winner, Promote);
            Snackbar.Add(Promote ? $"Stopped; {_winner}'s model is now the champion." : "Stopped: everyone gets the champion again.", Severity.Success);
            _stopping = false;
            await OnChanged.InvokeAsync();
        }
        catch (Exception e) when (e is ExperimentException or InvalidOperationException or InvalidDataException)
        {
            // An ExperimentException refuses the stop; the others come from the winner's promotion, after the stop.
            Snackbar.Add(e is ExperimentException ? e.Message
                : $"Stopped, but {_winner}'s model was not made champion: {RetailRecs.Core.Common.FailureText.Of(e)} The current champion keeps serving.", Severity.Error);
            // Refused because this page showed an older state (another tab stopped it): show the experiment as it is now.
            _stopping = false;
            await OnChanged.InvokeAsync();
        }
    }

    private static string Uplift(ExperimentMetric metric, RetailRecs.Core.Experiments.Statistics.Comparison? c) => c is null ? "control"
        : MetricText.IsRate(metric)
            ? (c.Difference * 100).ToString("+0.0;-0.0", CultureInfo.CurrentCulture) + " pts"
            : c.Difference.ToString("+0.00;-0.00", CultureInfo.CurrentCulture);

    private static string P(RetailRecs.Core.Experiments.Statistics.Comparison? c) => c is null ? "—" : P(c.PValue);

    private static string P(double p) => MetricText.Chance(p);

    private static List<DateOnly> Days(ExperimentReport r) => r.Series.Select(p => p.Day).Distinct().Order().ToList();

    private static ChartTable SeriesTable(ExperimentReport r) => new(["Day", "Variant", r.Units == "stores" ? "Stores" : "Customers", MetricText.Name(r.Primary)],
        r.Series.OrderBy(p => p.Day).ThenBy(p => p.Variant).Select(p => (IReadOnlyList<ChartCell>)[p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Variant,
            ChartCell.Count(p.Units), MetricText.Cell(r.Primary, p.Value)]).ToList());
}
