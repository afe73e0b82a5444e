using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Pages.Models;

/// <summary>
/// The Models page: the champion and why it serves, training (then the segments) on the job runner (<see cref="TrainingJobs"/>), the
/// evaluation's verdict and the runs, each promotable by an admin.
/// </summary>
public partial class ModelsPage
{
    [Inject] private ModelRunHistory History { get; set; } = default!;
    [Inject] private ModelRegistry Registry { get; set; } = default!;
    [Inject] private TrainingJobs Queue { get; set; } = default!;
    [Inject] private ProductCategoriser Categoriser { get; set; } = default!;
    [Inject] private EvaluationService Evaluations { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IOptions<TrainingOptions> Training { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>The stage a job reports as it starts, before its runs are stored.</summary>
    private const string StartingStage = JobRunner.StartingStage;

    private static readonly IReadOnlyList<string> Trainable = AlgorithmNames.Trainable;
    private IReadOnlyList<ModelRun> _runs = [];
    private IReadOnlyList<(string Name, int Products)> _categories = [];
    private readonly HashSet<string> _chosen = [.. Trainable];
    private JobStatus _status = JobStatus.Idle;
    private bool IsAdmin { get; set; }
    private LatestEvaluation? _evaluation;
    private ClaimsPrincipal _user = new();
    private ModelRun? Champion => _runs.FirstOrDefault(r => r.IsChampion);
    // As the retention applies it: at least the latest run keeps its model, whatever the setting says.
    private int KeepRunsPerAlgorithm => Math.Max(1, Training.Value.KeepRunsPerAlgorithm);

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthState).User;
        IsAdmin = _user.IsInRole(StaffRoles.Admin);
        _status = Queue.Current;
        Queue.Changed += OnQueueChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _runs = await History.ListAsync();
        _evaluation = LatestEvaluation.Of(await Evaluations.HistoryAsync(10));
        _categories = IsAdmin ? await Categoriser.ListAsync() : [];
    }

    /// <summary>
    /// The runs are read again when a job starts, when its first stage after starting is reported (the training
    /// service stores the job's runs, as running, before it reports any stage) and when it finishes.
    /// </summary>
    private void OnQueueChanged(JobStatus status)
    {
        var finished = _status.Busy && !status.Busy;
        var runsStored = _status.Stage == StartingStage && status.Busy && status.Stage != StartingStage;
        _status = status;
        _ = InvokeAsync(async () =>
        {
            if (finished || runsStored || status.Stage == StartingStage)
            {
                await LoadAsync();
            }
            StateHasChanged();
        });
    }

    // Only the latest successful run of an algorithm can be promoted (ModelRegistry refuses older ones).
    private bool IsLatestOfItsAlgorithm(ModelRun run) =>
        !_runs.Any(r => r.Algorithm == run.Algorithm && r.Id > run.Id && r.Status == ModelRunStatus.Succeeded);

    private void Toggle(string algorithm, bool on)
    {
        if (on) _chosen.Add(algorithm); else _chosen.Remove(algorithm);
    }

    // The runs appear when the job runner stores them (see OnQueueChanged): nothing to wait for here.
    /// <summary>The admin's explicit choice: the running training stops, its runs say so, and the champion keeps serving.</summary>
    private void StopTraining() => Queue.Cancel();

    private void Train()
    {
        if (!Queue.Enqueue(new TrainingRequest(Trainable.Where(_chosen.Contains).ToList(), TrainingWindow.All, new TrainingParameters(),
                StaffClaims.Actor(_user).UserName)))
        {
            Snackbar.Add("That training is already waiting or running: it was not started twice.", Severity.Info);
            return;
        }
        Snackbar.Add("Training started. You can leave this page; the runs appear here when done.", Severity.Info);
    }

    private async Task Promote(ModelRun run)
    {
        var warning = _evaluation?.PromotionWarning(run.Algorithm);
        // A model that loses to a baseline is promoted only on an explicit, differently worded confirmation.
        var ok = warning is null
            ? await Dialogs.ShowMessageBoxAsync("Promote this model?",
                $"Run {run.Id} ({AlgorithmNames.Describe(run.Algorithm)}) will serve every suggestion from now on, on every till and tablet.",
                yesText: "Promote", cancelText: "Cancel")
            : await Dialogs.ShowMessageBoxAsync("This model loses to a baseline",
                $"{warning} Promote run {run.Id} ({AlgorithmNames.Describe(run.Algorithm)}) anyway? It will serve every suggestion from now on.",
                yesText: "Promote anyway", cancelText: "Keep the current champion");
        if (ok != true)
        {
            return;
        }
        try
        {
            await Registry.PromoteAsync(run.Id, StaffClaims.Actor(_user));
            Snackbar.Add($"Run {run.Id} is now the champion.", Severity.Success);
        }
        catch (InvalidOperationException e)
        {
            // The registry's refusal names the run and why; said once, not "not promoted" before "was not made champion".
            Snackbar.Add($"{RetailRecs.Core.Common.FailureText.Of(e)} The current champion keeps serving.", Severity.Error);
        }
        catch (InvalidDataException e)
        {
            // The stored model's own words ("train the model again") do not say which run or what did not happen.
            Snackbar.Add($"Run {run.Id} was not promoted: {RetailRecs.Core.Common.FailureText.Of(e)} The current champion keeps serving.", Severity.Error);
        }
        await LoadAsync();
    }

    private string EvaluatedNdcg(string algorithm) => _evaluation?.RankingScores(algorithm) ?? "";

    private static string? Drift(ModelRun run) => IncrementalDrift.MeasureOf(run.Metrics) is { } m
        ? $"{m.Overlap:P0} of the top 10 in common ({m.Customers} customers)"
        : null;

    private static Color StatusColour(ModelRunStatus s) => s switch
    {
        ModelRunStatus.Succeeded => Color.Primary,
        ModelRunStatus.Failed => Color.Error,
        ModelRunStatus.Running => Color.Info,
        _ => Color.Default,
    };

    public void Dispose() => Queue.Changed -= OnQueueChanged;
}
