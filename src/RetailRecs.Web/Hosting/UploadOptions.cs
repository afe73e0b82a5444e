namespace RetailRecs.Web.Hosting;

/// <summary>The "Import" settings section.</summary>
public sealed class UploadOptions
{
    public const string Section = "Import";

    /// <summary>Largest file an admin may upload. The full UCI Online Retail export is 45 MB as CSV, 7.5 MB gzipped.</summary>
    public int MaxMegabytes { get; set; } = 200;
}
