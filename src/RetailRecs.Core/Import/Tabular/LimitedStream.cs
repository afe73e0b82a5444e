using RetailRecs.Core.Common;

namespace RetailRecs.Core.Import.Tabular;

/// <summary>A read-only stream that refuses to give more than a set number of bytes (a decompression bomb stops here).</summary>
internal sealed class LimitedStream(Stream inner, long limit, string fileName) : ReadOnlyForwardStream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        _read += n;
        if (_read > limit)
        {
            throw new ImportException($"'{fileName}' unpacks to more than {Megabytes(limit)} of text, more than an import takes. " +
                "Split it into smaller files, or ask an admin to raise Import:MaxMegabytes. Nothing was stored.");
        }
        return n;
    }

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MB";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
