using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Staff;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// Counts clicks and typing in an open page as session activity. An interactive page makes no HTTP requests, so
/// without this a manager working in one page for half an hour would hit the idle limit mid-task.
/// One per circuit; writes at most once per <see cref="StaffSessionOptions.LastSeenWriteInterval"/>, beside the event
/// rather than before it: on SQLite an import holds the one write lock for seconds, and the minute's first tap would
/// wait for it. (The load test's whole-second card times were the thread pool's, fixed by ThreadPoolMinThreads; this
/// alone did not measurably change them.) Idle time is counted in minutes; a touch that lands a moment later, or
/// fails, changes nothing an associate sees.
/// </summary>
internal sealed class StaffSessionActivity(AuthenticationStateProvider authentication, StaffSessions sessions,
    IOptions<StaffSessionOptions> options, TimeProvider time, ILogger<StaffSessionActivity> logger) : CircuitHandler
{
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            await RecordAsync();
            await next(context);
        };

    private async Task RecordAsync()
    {
        var now = time.GetUtcNow();
        if (now - _lastWrite < options.Value.LastSeenWriteInterval)
        {
            return;
        }
        _lastWrite = now;
        var state = await authentication.GetAuthenticationStateAsync();
        if (StaffSessionCookie.SessionId(state.User) is { } sessionId)
        {
            // Only an active session is touched: activity never revives one that has ended. Off the circuit's thread:
            // Microsoft.Data.Sqlite waits for a lock synchronously.
            _ = Task.Run(async () =>
            {
                try
                {
                    await sessions.TouchAsync(sessionId);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Could not record a staff session's activity; the next interaction tries again");
                    _lastWrite = DateTimeOffset.MinValue;
                }
            });
        }
    }
}
