using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Web.Components.Charts;

namespace RetailRecs.Web.Components.Pages.Models;

public partial class EvaluationPanel
{
    [Inject] private EvaluationService Evaluations { get; set; } = default!;
    [Inject] private EvaluationJobs Jobs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string StaffName { get; set; } = "";
    /// <summary>Told when an evaluation finishes, so the page can refresh what depends on it (promotion warnings).</summary>
    [Parameter] public EventCallback OnEvaluated { get; set; }

    private IReadOnlyList<(EvaluationRun Run, IReadOnlyList<ModelResult> Rows)> _history = [];
    private JobStatus _status = JobStatus.Idle;
    private int _k = 10;
    private string? _split;
    private bool _details;

    private (EvaluationRun Run, IReadOnlyList<ModelResult> Rows)? Latest =>
        _history.FirstOrDefault(h => h.Run.Status == ModelRunStatus.Succeeded) is { Run: not null } l ? l : null;

    protected override async Task OnInitializedAsync()
    {
        _status = Jobs.Current;
        Jobs.Changed += OnChanged;
        _history = await Evaluations.HistoryAsync();
    }

    private void OnChanged(JobStatus status)
    {
        var finished = _status.Busy && !status.Busy;
        _status = status;
        _ = InvokeAsync(async () =>
        {
            if (finished)
            {
                _history = await Evaluations.HistoryAsync();
                await OnEvaluated.InvokeAsync();
            }
            StateHasChanged();
        });
    }

    private void Run()
    {
        DateOnly? split = null;
        if (!string.IsNullOrWhiteSpace(_split))
        {
            if (!DateOnly.TryParse(_split, CultureInfo.InvariantCulture, out var d))
            {
                Snackbar.Add("The split date is not a date.", Severity.Warning);
                return;
            }
            split = d;
        }
        var options = new EvaluationOptions { K = _k, SplitDate = split };
        if (options.Validate() is { } problem)
        {
            Snackbar.Add(problem, Severity.Warning);
            return;
        }
        if (!Jobs.TryStart(options, StaffName))
        {
            Snackbar.Add("An evaluation is already running; its figures will appear here.", Severity.Info);
        }
        _status = Jobs.Current;
    }

    /// <summary>A model or baseline in a shop's words (tables, chart, verdict).</summary>
    internal static string Label(string model) => model switch
    {
        OwnHistoryBaseline.Name => "own most-bought",
        PersonalFrequencyModel.Name => "own recent buys",
        _ => AlgorithmNames.Plain(model),
    };

    private static IReadOnlyList<string> Models(IReadOnlyList<ModelResult> rows) => rows.Select(r => Label(r.Model)).Distinct().ToList();

    private static IReadOnlyList<ApexSeries> NdcgSeries(IReadOnlyList<ModelResult> rows) =>
        rows.Select(r => r.Track).Distinct().Select(t => new ApexSeries($"{t} track",
            Models(rows).Select(m => (object?)(rows.FirstOrDefault(r => r.Track == t && Label(r.Model) == m) is { } r ? Math.Round(r.Metrics["ndcg"].Mean, 4) : null)).ToList()))
        .ToList();

    private static ChartTable NdcgTable((EvaluationRun Run, IReadOnlyList<ModelResult> Rows) latest) =>
        new(["Model", "Track", "NDCG", "Low", "High"], latest.Rows.Select(r => (IReadOnlyList<ChartCell>)[Label(r.Model), r.Track.ToString(),
            F(r.Metrics["ndcg"].Mean), F(r.Metrics["ndcg"].Low), F(r.Metrics["ndcg"].High)]).ToList());

    /// <summary>
    /// The successful evaluations at the latest one's K, oldest first: NDCG@5 and NDCG@10 are different measures, and a
    /// line joining them showed a change of K as a change of quality.
    /// </summary>
    private List<(EvaluationRun Run, IReadOnlyList<ModelResult> Rows)> Succeeded
    {
        get
        {
            var succeeded = _history.Where(h => h.Run.Status == ModelRunStatus.Succeeded).ToList();
            return succeeded.Count == 0 ? [] : succeeded.Where(h => h.Run.K == succeeded[0].Run.K).Reverse().ToList();
        }
    }

    private string HistoryTitle => $"NDCG@{(Succeeded.Count > 0 ? Succeeded[^1].Run.K : _k)} over time (new-items track)";

    private IReadOnlyList<string> HistoryLabels() => Succeeded.Count < 2 ? [] : Succeeded.Select(h => h.Run.StartedAt.ToLocalTime().ToString("d MMM HH:mm")).ToList();

    private IReadOnlyList<ApexSeries> HistorySeries()
    {
        var runs = Succeeded;
        if (runs.Count < 2)
        {
            return [];
        }
        return runs.SelectMany(h => h.Rows).Select(r => r.Model).Distinct().Select(m => new ApexSeries(Label(m), runs.Select(h =>
            (object?)(h.Rows.FirstOrDefault(r => r.Model == m && r.Track == EvaluationTrack.New) is { } r ? Math.Round(r.Metrics["ndcg"].Mean, 4) : null)).ToList()))
            .Where(s => s.Data.Any(d => d is not null)).ToList();
    }

    private ChartTable HistoryTable()
    {
        var runs = Succeeded;
        if (runs.Count < 2)
        {
            return ChartTable.Empty;
        }
        return new(["Evaluated", "Model", $"NDCG@{runs[^1].Run.K} (new track)"], runs.SelectMany(h => h.Rows.Where(r => r.Track == EvaluationTrack.New)
            .Select(r => (IReadOnlyList<ChartCell>)[h.Run.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm"), Label(r.Model), F(r.Metrics["ndcg"].Mean)])).ToList());
    }

    private static ChartCell F(double x) => ChartCell.Number(x, 4);

    public void Dispose() => Jobs.Changed -= OnChanged;
}
