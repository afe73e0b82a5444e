using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Segmentation;
using RetailRecs.Web.Components.Charts;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Pages.Segments;

public partial class SegmentsPage
{
    [Inject] private SegmentQueries Queries { get; set; } = default!;
    [Inject] private SegmentationJobs Jobs { get; set; } = default!;
    [Inject] private TrainingJobs Training { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private SegmentQueries.Overview? _overview;
    private IReadOnlyList<SegmentQueries.RunSummary> _history = [];
    private SegmentQueries.SegmentView? _members;
    private JobStatus _status = JobStatus.Idle;
    private JobStatus _training = JobStatus.Idle;

    /// <summary>A segmentation running or waiting, on its own or inside "train, then re-segment".</summary>
    private SegmentationActivity Activity => SegmentationActivity.Of(_status, _training);
    private int? _k;
    private bool _loading = true;

    protected override async Task OnInitializedAsync()
    {
        _status = Jobs.Current;
        _training = Training.Current;
        Jobs.Changed += OnJobChanged;
        Training.Changed += OnTrainingChanged;
        await Reload();
        _loading = false;
    }

    private async Task Reload()
    {
        _overview = await Queries.CurrentAsync();
        _history = await Queries.HistoryAsync(10);
        if (_members is { } m)
        {
            _members = _overview?.Segments.FirstOrDefault(s => s.Id == m.Id);
        }
    }

    private void OnJobChanged(JobStatus status)
    {
        var finished = _status.Busy && !status.Busy;
        _status = status;
        _ = InvokeAsync(async () =>
        {
            if (finished)
            {
                _members = null;
                await Reload();
            }
            StateHasChanged();
        });
    }

    /// <summary>A training re-segments the customers when a model trained: its end may have made a new current run.</summary>
    private void OnTrainingChanged(JobStatus status)
    {
        var finished = _training.Busy && !status.Busy;
        _training = status;
        _ = InvokeAsync(async () =>
        {
            if (finished)
            {
                _members = null;
                await Reload();
            }
            StateHasChanged();
        });
    }

    private async Task Run()
    {
        var user = (await AuthState).User;
        var options = new SegmentationOptions { FixedK = _k };
        if (options.Validate() is { } problem)
        {
            Snackbar.Add(problem, Severity.Warning);
            return;
        }
        if (!Jobs.TryStart(options, StaffClaims.Actor(user).UserName))
        {
            Snackbar.Add("A segmentation is already running; its result will appear here.", Severity.Info);
        }
        _status = Jobs.Current;
    }

    private static ChartTable KTable(SegmentQueries.Overview o) => new(["Segments", "Separation (silhouette)", "Overlap (Davies–Bouldin)", "Used"],
        o.Scores.Select(s => (IReadOnlyList<ChartCell>)[ChartCell.Count(s.K), ChartCell.Number(s.Silhouette, 3),
            ChartCell.Number(s.DaviesBouldin, 3), s.K == o.K ? "yes" : ""]).ToList());

    private static ChartTable MapTable(SegmentQueries.Overview o)
    {
        var names = o.Segments.ToDictionary(s => s.Number, s => s.Name);
        return new(["Segment", "Across", "Up"],
            o.Map.Select(p => (IReadOnlyList<ChartCell>)[names[p.Number], ChartCell.Number(p.X, 2), ChartCell.Number(p.Y, 2)]).ToList());
    }

    public void Dispose()
    {
        Jobs.Changed -= OnJobChanged;
        Training.Changed -= OnTrainingChanged;
    }
}
