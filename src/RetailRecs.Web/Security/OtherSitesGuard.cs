namespace RetailRecs.Web.Security;

/// <summary>
/// Downloads of personal data (a customer's export, an import's rejected rows) are plain links, and the sign-in cookie
/// is sent on a top-level navigation from any site (SameSite=Lax): a page elsewhere could make an admin's browser
/// download a customer's data and write an export to the audit in the admin's name. Browsers say where a request came
/// from in <c>Sec-Fetch-Site</c>; these endpoints answer only the app's own pages and typed or bookmarked addresses
/// ("same-origin", "none", or no header from tools that do not send it), and refuse the rest before anything is read
/// or audited.
/// </summary>
public static class OtherSitesGuard
{
    /// <summary>True when the browser says the request was started by a page of another site (or another app of this site).</summary>
    public static bool FromAnotherSite(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].FirstOrDefault() is { } site
        && (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase));

    public static RouteHandlerBuilder OnlyFromThisApp(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter(async (context, next) =>
        FromAnotherSite(context.HttpContext.Request)
            ? Results.Problem("Open this download from RetailRecs itself: links from other sites cannot start it.", statusCode: StatusCodes.Status403Forbidden)
            : await next(context));
}
