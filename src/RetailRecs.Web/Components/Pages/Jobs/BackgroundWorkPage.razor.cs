using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Jobs;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Pages.Jobs;

/// <summary>
/// What runs in the background (<see cref="BackgroundWork"/>): live while this instance runs or queues a job, and read
/// again every <see cref="ElsewhereEvery"/> while another instance runs one (its progress does not reach this one).
/// </summary>
public partial class BackgroundWorkPage
{
    /// <summary>How often the stored runs are read again while another instance runs a job.</summary>
    public static readonly TimeSpan ElsewhereEvery = TimeSpan.FromSeconds(10);

    [Inject] private BackgroundWork Work { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<BackgroundWorkPage> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private IReadOnlyList<ActiveJob> _active = [];
    private IReadOnlyList<PastJob> _recent = [];
    private string? _viewer;
    private bool _loading = true;
    private readonly CancellationTokenSource _closed = new();
    private Task _polling = Task.CompletedTask;

    protected override async Task OnInitializedAsync()
    {
        _viewer = StaffClaims.Actor((await AuthState).User).UserName;
        _active = Work.Active;
        Work.Changed += OnChanged;
        _recent = await Work.RecentAsync();
        _loading = false;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Interactive only: a prerender must not leave a timer behind.
        if (firstRender && RendererInfo.IsInteractive)
        {
            _polling = PollElsewhereAsync(_closed.Token);
        }
    }

    /// <summary>Progress re-renders; a job that starts, ends or joins the queue also changes the recent list.</summary>
    private void OnChanged(string kind)
    {
        var before = Shape(_active);
        var now = Work.Active;
        _active = now;
        var moved = before != Shape(now);
        _ = InvokeAsync(async () =>
        {
            if (moved)
            {
                _recent = await Work.RecentAsync();
            }
            StateHasChanged();
        });
    }

    private async Task PollElsewhereAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ElsewhereEvery, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (!_recent.Any(j => j.State == JobState.RunningElsewhere))
                {
                    continue;
                }
                try
                {
                    await InvokeAsync(async () =>
                    {
                        _recent = await Work.RecentAsync(ct: ct);
                        StateHasChanged();
                    });
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // A busy or unreachable database: read again at the next tick. Let through, it ended the refreshes,
                    // and leaving the page then threw it from the disposal, which ends the circuit.
                    Logger.LogWarning(e, "The background work list could not be read again; trying at the next refresh");
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // the page closed (a provider may report the cancelled read as its own error)
        }
    }

    private static string Shape(IReadOnlyList<ActiveJob> jobs) => string.Join(',', jobs.Select(j => $"{j.Kind}:{j.AskedAt.Ticks}:{j.Running}"));

    public async ValueTask DisposeAsync()
    {
        Work.Changed -= OnChanged;
        await _closed.CancelAsync();
        await _polling;
        _closed.Dispose();
    }
}
