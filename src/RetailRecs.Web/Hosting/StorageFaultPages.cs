using System.Globalization;
using System.Text.Encodings.Web;
using RetailRecs.Core.Data;
using RetailRecs.Web.Components.Shared;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// A page request that fails because the database is out of reach (its server restarting), busy or full — often in
/// the sign-in cookie's session check, before any page runs — is answered 503 with Retry-After and a short page in
/// words, instead of the error page. Pages already open keep their circuit and show the same words
/// (<see cref="PageProblem"/>). The API answers problem documents of its own (<c>ApiErrors</c>).
/// </summary>
public static class StorageFaultPages
{
    public static IApplicationBuilder UseStorageFaultPages(this IApplicationBuilder app) =>
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseMiddleware<Middleware>());

    private sealed class Middleware(RequestDelegate next, ILogger<Middleware> logger)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && StorageFaults.Describe(e) is { } fault)
            {
                // The route pattern, not the path: paths hold customer codes.
                logger.LogWarning("Page {Endpoint} not shown: the database is {Fault}", context.GetEndpoint()?.DisplayName ?? "(none)", fault.Fault);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = ((int)fault.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Page(fault), context.RequestAborted);
            }
        }
    }

    private static string Page(Exception fault)
    {
        var title = HtmlEncoder.Default.Encode(PageProblemWords.Title(fault));
        var detail = HtmlEncoder.Default.Encode(PageProblemWords.Detail(fault));
        // An empty href reloads the address asked for; nothing of the request is written into the page.
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · RetailRecs</title></head>
            <body><main><h1>{title}</h1><p role="alert">{detail}</p><p><a href="">Try again</a></p></main></body></html>
            """;
    }
}
