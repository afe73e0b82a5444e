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
            throw new ImportException($"'{fileName}' unpacks to more than {limit / (1024 * 1024 * 1024)} GB of text, which is more than an import can hold. Split it into smaller files.");
        }
        return n;
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
