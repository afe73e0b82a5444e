namespace RetailRecs.Core.Catalog;

/// <summary>
/// A product's picture as a catalog or a store system gives it: the address of an image, shown on the screen turned to
/// the customer. Only an https address or a path on this site is kept: an http picture would be refused by the
/// browser on an https page, and any other scheme (javascript:, data:, file:) is no picture of a product. A path on
/// this site must name an image file: a path such as <c>/customers/42</c> would make every screen that shows the
/// product open that customer's card with the staff member's cookie (the app also refuses such requests from an
/// image, see the web app's <c>SubresourceGuard</c>, but not every browser says what a request is for).
/// </summary>
public static class ProductPicture
{
    public const int MaxLength = 512;

    /// <summary>The address to store, or null when <paramref name="text"/> is not one a picture may have.</summary>
    public static string? Read(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength)
        {
            return null;
        }
        if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.Contains('\\'))
        {
            return Uri.TryCreate(trimmed, UriKind.Relative, out _) && IsImageFile(trimmed.Split('?', '#')[0]) ? trimmed : null;
        }
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
               && string.IsNullOrEmpty(uri.UserInfo) && uri.Host.Length > 0
            ? uri.AbsoluteUri
            : null;
    }

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"];

    private static bool IsImageFile(string path) => ImageExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
