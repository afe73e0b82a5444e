namespace RetailRecs.Web.Security;

/// <summary>
/// The browser-side defences every response carries (pages, static files, API answers, error and not-found pages):
/// a Content-Security-Policy that lets only the app's own files run, no MIME sniffing, no referrer to other sites,
/// no framing. Added when the response starts, so headers cleared by an error handler are set again.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the app's own origin, never inline: blazor.web.js, MudBlazor.min.js, the component modules
    /// and ApexCharts (a file the chart module adds as a script element) are all files under wwwroot, and none of
    /// them needs eval. Hence no inline script anywhere: App.razor renders no import map (an inline script).
    /// Styles need 'unsafe-inline': MudBlazor renders style attributes and a theme &lt;style&gt; element, and
    /// ApexCharts injects its stylesheet and styles the chart elements it draws. Inline style cannot run script;
    /// script-src is the directive that stops injected markup from executing.
    /// img-src allows data: for images made in the page (a two-factor enrolment QR code, MudBlazor's CSS icons), and
    /// https: for product pictures, which a catalog keeps on the retailer's own image server (an image cannot run
    /// script; the referrer policy keeps page addresses, which hold customer numbers, from reaching that server).
    /// connect-src 'self' covers the circuit's WebSocket to the same origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Never send a URL (they hold customer codes) to another site; same-origin requests keep theirs.</summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>
    /// The app uses no camera, microphone, location, payment or device access (scanners type like keyboards), so no
    /// page, and no script that got in some other way, may ask the store tablet for them.
    /// </summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()";

    /// <summary>Adds the headers to every response that passes this point of the pipeline; call it first.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            // Replaces Blazor's own "frame-ancestors 'self'" policy for interactive pages with the stricter whole one.
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            // For browsers that predate frame-ancestors; antiforgery would otherwise say SAMEORIGIN.
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
