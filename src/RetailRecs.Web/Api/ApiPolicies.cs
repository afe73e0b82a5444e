using RetailRecs.Core.ApiKeys;

namespace RetailRecs.Web.Api;

/// <summary>Who may call which endpoint (a scope per kind of work) and how often (per key, or per client address without one).</summary>
public static class ApiPolicies
{
    public const string Events = "Api.Events";
    public const string Products = "Api.Products";
    public const string Customers = "Api.Customers";
    public const string Suggestions = "Api.Suggestions";
    public const string RateLimit = "Api.PerKey";

    public sealed class Options
    {
        public const string Section = "Api";
        /// <summary>Requests per second each key may make on average.</summary>
        public int RequestsPerSecond { get; set; } = 1000;
        /// <summary>Requests a key may make at once above the average (a till sending its backlog after a network cut).</summary>
        public int Burst { get; set; } = 2000;
        /// <summary>Requests per second each client address may make without a recognised key (see <see cref="ApiRateLimitPolicy"/>).</summary>
        public int PerAddressRequestsPerSecond { get; set; } = 10;
        /// <summary>Such requests at once: enough for a store's tills, behind one address, to make their first calls after a restart.</summary>
        public int PerAddressBurst { get; set; } = 50;
        public long MaxRequestBytes { get; set; } = 1_048_576;
        /// <summary>
        /// Kestrel's own ceiling. A body over <see cref="MaxRequestBytes"/> but under this is answered 413 in words and the
        /// rest of it read and dropped, so a till still sending learns to split its batch instead of meeting a broken pipe;
        /// past this the connection is cut.
        /// </summary>
        public long ConnectionCutBytes => MaxRequestBytes * 4;
    }

    public static IServiceCollection AddRetailRecsApi(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(Options.Section).Get<Options>() ?? new Options();
        services.AddSingleton(options);
        services.AddHostedService<EventWriterShutdown>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
            ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Events, p => Scope(p, ApiScopes.Events))
            .AddPolicy(Products, p => Scope(p, ApiScopes.Products))
            .AddPolicy(Customers, p => Scope(p, ApiScopes.Customers))
            .AddPolicy(Suggestions, p => Scope(p, ApiScopes.Suggestions));
        services.AddRateLimiter(o => o.AddPolicy<string, ApiRateLimitPolicy>(RateLimit));
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "RetailRecs store systems API";
                document.Info.Description = $"Authenticate with the {ApiKeyAuthenticationHandler.Header} header (a key an admin creates on the API keys page). " +
                    "Errors are RFC 7807 problem details. POST /api/v1/events takes an Idempotency-Key header so a retried request is stored once; " +
                    "without it, a purchase without an invoice number is stored each time it is sent.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static void Scope(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder p, string scope) =>
        p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope);
}
