namespace RetailRecs.Web.Security;

/// <summary>
/// A request the browser makes for an element of a page (an image, a video, an embed) gets files only, never a page, an
/// export or an API answer. A product's picture is an address from a catalog or a store system: one pointing at
/// <c>/customers/42</c> or at a customer's export would otherwise make every screen that shows the product open that
/// card or run that export with the staff member's cookie, and write audit entries for views nobody made. Browsers
/// say what a request is for in <c>Sec-Fetch-Dest</c>; such a request for anything but a media file is answered
/// 404 before it reaches authentication.
/// </summary>
public static class SubresourceGuard
{
    private static readonly HashSet<string> ElementDestinations = new(StringComparer.OrdinalIgnoreCase)
    {
        "image", "audio", "video", "track", "embed", "object",
        // A frame of another site's page (this app refuses to be framed, but the request would still open the card and audit it).
        "iframe", "frame", "fencedframe",
    };

    private static readonly HashSet<string> MediaExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".mp4", ".webm", ".vtt",
    };

    /// <summary>Whether a request for <paramref name="destination"/> may reach <paramref name="path"/>.</summary>
    public static bool Allows(string? destination, PathString path) =>
        destination is null || !ElementDestinations.Contains(destination) || MediaExtensions.Contains(Path.GetExtension(path.Value ?? ""));

    public static IApplicationBuilder UseSubresourceGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!Allows(context.Request.Headers["Sec-Fetch-Dest"].FirstOrDefault(), context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    });
}
