using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Staff;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// Counts clicks and typing in an open page as session activity. An interactive page makes no HTTP requests, so
/// without this a manager working in one page for half an hour would hit the idle limit mid-task.
/// One per circuit; writes at most once per <see cref="StaffSessionOptions.LastSeenWriteInterval"/>.
/// </summary>
internal sealed class StaffSessionActivity(AuthenticationStateProvider authentication, StaffSessions sessions,
    IOptions<StaffSessionOptions> options, TimeProvider time) : CircuitHandler
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
            // Only an active session is touched: activity never revives one that has ended.
            await sessions.TouchAsync(sessionId);
        }
    }
}
