using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// Connects an interactive page (a circuit) to <see cref="OpenPageSessionChecks"/> while it is open: when a staff
/// account's sessions end, the page of that person re-checks its session at once and closes if it ended.
/// </summary>
internal sealed class OpenPageRechecks(OpenPageSessionChecks checks, AuthenticationStateProvider authentication) : CircuitHandler
{
    private Action<IReadOnlySet<int>>? _listening;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (authentication is IdentityRevalidatingAuthenticationStateProvider provider && _listening is null)
        {
            _listening = provider.CheckNow;
            checks.Requested += _listening;
        }
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_listening is { } listening)
        {
            checks.Requested -= listening;
            _listening = null;
        }
        return Task.CompletedTask;
    }
}
