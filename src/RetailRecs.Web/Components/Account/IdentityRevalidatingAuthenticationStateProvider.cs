using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates, while an interactive circuit is connected, that
// the session is still active (not signed out elsewhere, locked, or past a time limit) and that the security stamp
// still matches, so a signed-out, locked or demoted user loses an open page promptly: at once when the change feed says
// a staff account's sessions ended (here or on another instance), and every 30 s in any case.
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly StaffSessions sessions;
    private readonly ILogger logger;
    private int _checking;
    private int _pending;

    public IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, StaffSessions sessions)
        : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.sessions = sessions;
        logger = loggerFactory.CreateLogger<IdentityRevalidatingAuthenticationStateProvider>();
        AuthenticationStateChanged += RememberUser;
    }

    // The page's user, kept so a notice about someone else costs nothing.
    private volatile string? _user;

    private async void RememberUser(Task<AuthenticationState> state)
    {
        try
        {
            _user = (await state).User.FindFirstValue(ClaimTypes.NameIdentifier);
        }
        catch (Exception)
        {
            _user = null;
        }
    }

    // One primary-key lookup per open page every 30 s: cheap, and a page left open on a shared tablet closes soon
    // after the session ends even if the change notice was lost.
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    /// <summary>
    /// Re-checks this page's session now if the notice may be about its user (on the feed's thread, not waiting). Only
    /// interactive pages ask (OpenPageRechecks): a page request checks its session as it arrives, and must not lose its
    /// user half-way through because its own sign-in replaced the session.
    /// </summary>
    internal void CheckNow(IReadOnlySet<int> users)
    {
        var user = _user;
        if (user is null || !users.Contains(ChangeKinds.StaffSubject(user)))
        {
            return;
        }
        Volatile.Write(ref _pending, 1);
        _ = CheckWhilePendingAsync();
    }

    /// <summary>One check at a time; a request that arrives during one is served by another round.</summary>
    private async Task CheckWhilePendingAsync()
    {
        while (Volatile.Read(ref _pending) == 1 && Interlocked.Exchange(ref _checking, 1) == 0)
        {
            try
            {
                while (Interlocked.Exchange(ref _pending, 0) == 1)
                {
                    var state = await GetAuthenticationStateAsync();
                    if (state.User.Identity?.IsAuthenticated == true && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
                    {
                        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
                    }
                }
            }
            catch (Exception e)
            {
                // The periodic check runs anyway; a busy database only delays the sign-out to it.
                logger.LogWarning(e, "Open page session check failed");
            }
            finally
            {
                Volatile.Write(ref _checking, 0);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= RememberUser;
        }
        base.Dispose(disposing);
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (StaffSessionCookie.SessionId(principal) is not { } sessionId
            || await sessions.CheckAsync(sessionId, StaffClaims.Actor(principal), StaffClaims.Role(principal), isActivity: false, cancellationToken)
                != StaffSessionState.Active)
        {
            return false;
        }
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await ValidateSecurityStampAsync(userManager, principal);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<StaffUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
