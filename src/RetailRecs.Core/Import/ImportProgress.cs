namespace RetailRecs.Core.Import;

/// <summary>How far a long import has got, for a progress bar: the stage, rows so far and the time taken.</summary>
public readonly record struct ImportProgress(string Stage, int Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}
