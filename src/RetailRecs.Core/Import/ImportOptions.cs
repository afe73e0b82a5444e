namespace RetailRecs.Core.Import;

/// <summary>The "Import" settings section: how large a file may be, unpacked and uploaded, and how many bad rows are kept.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Largest file an admin may upload. The full UCI Online Retail export is 45 MB as CSV, 7.5 MB gzipped.</summary>
    public int MaxMegabytes { get; set; } = 200;

    /// <summary>
    /// How many times the upload limit a compressed file (.gz, .xlsx) may unpack to. Sales exports compress 5–8 times;
    /// a file that unpacks far beyond that is a decompression bomb or not an export, and is refused before it is read.
    /// </summary>
    public int MaxUnpackRatio { get; set; } = 10;

    /// <summary>Rejected rows kept for the download (all are counted): a file of millions of bad rows costs no more.</summary>
    public int MaxKeptRejections { get; set; } = Cleaning.CleaningReport.DefaultMaxKeptRejections;

    public long MaxUploadBytes => MaxMegabytes * 1024L * 1024L;

    public long MaxUnpackedBytes => MaxUploadBytes * MaxUnpackRatio;
}
