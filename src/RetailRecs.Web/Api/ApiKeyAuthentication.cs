using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;

namespace RetailRecs.Web.Api;

/// <summary>
/// Authenticates store systems by their API key, sent as "X-Api-Key: rr_…" (or "Authorization: ApiKey rr_…"). Used
/// only by the /api/v1 endpoints; staff pages keep the sign-in cookie. Failures answer with RFC 7807 problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyService keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "api_key_id";

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var value) && value.Count == 1)
        {
            return value[0];
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase) ? authorization[(SchemeName.Length + 1)..].Trim() : null;
    }

    /// <summary>The calling key as the audit log names it: "api-key:{id}" and the key's name, never the key itself.</summary>
    public static StaffActor ActorOf(ClaimsPrincipal user) =>
        new($"api-key:{user.FindFirstValue(KeyIdClaim)}", $"API key '{user.FindFirstValue(ClaimTypes.Name)}'");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }
        if (await keys.CheckAsync(key, Context.RequestAborted) is not { } caller)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"apikey:{caller.KeyId}"),
            new(ClaimTypes.Name, caller.Name),
            new(KeyIdClaim, caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(caller.Scopes.Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key missing or not valid",
            $"Send the key an admin created for this system in the {Header} header. Revoked keys stop working at once.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "This key may not do that",
            "The key lacks the scope this endpoint needs; an admin can create a key with it.");
}
