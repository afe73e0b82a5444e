namespace RetailRecs.Core.Segmentation;

/// <summary>How a segmentation run chooses its segments. Defaults are what the README's figures were measured with.</summary>
public sealed record SegmentationOptions
{
    /// <summary>Fewer customers than this make segments that mean nothing; the run says so instead.</summary>
    public const int MinimumCustomers = 20;

    /// <summary>Two segments only split active from lapsed customers, which managers know already; three is the least that tells them more.</summary>
    public int MinK { get; init; } = 3;
    public int MaxK { get; init; } = 10;
    /// <summary>A number of segments fixed by a manager; null lets the silhouette choose within [MinK, MaxK].</summary>
    public int? FixedK { get; init; }
    public int Seed { get; init; } = 1;

    public string? Validate()
    {
        if (MinK < 2 || MaxK < MinK || MaxK > 20)
        {
            return "The number of segments must range between 2 and 20, smallest first.";
        }
        if (FixedK is { } k && (k < 2 || k > 20))
        {
            return "Choose between 2 and 20 segments.";
        }
        return null;
    }
}

/// <summary>A segmentation that cannot be run, with the reason in words the manager can act on.</summary>
public sealed class SegmentationException(string message) : Exception(message);
