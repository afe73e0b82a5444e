namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// A stored run's artifact as one stream: the run's own bytes with its job's shared part put back where it was taken
/// out (<see cref="ArtifactStore"/>). Read in place rather than copied into one array: at 100× the Online Retail data
/// the shared part alone is hundreds of megabytes, and loading the champion must not hold it twice.
/// </summary>
internal static class StoredArtifact
{
    public static Stream Open(byte[] own, byte[]? sharedPart, int? sharedPartAt)
    {
        if (sharedPart is null)
        {
            return new MemoryStream(own, writable: false);
        }
        var at = sharedPartAt ?? throw new InvalidDataException("The stored model says it shares a part but not where it goes; train the model again.");
        if (at < 0 || at > own.Length)
        {
            throw new InvalidDataException("The stored model's shared part does not fit its own bytes; train the model again.");
        }
        return new Segments([own.AsMemory(0, at), sharedPart, own.AsMemory(at)]);
    }

    /// <summary>Read-only, forward-only reading of several buffers one after the other.</summary>
    private sealed class Segments(ReadOnlyMemory<byte>[] parts) : Stream
    {
        private int _part;
        private int _offset;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_part < parts.Length)
            {
                var rest = parts[_part].Span[_offset..];
                if (rest.Length > 0)
                {
                    var n = Math.Min(rest.Length, buffer.Length);
                    rest[..n].CopyTo(buffer);
                    _offset += n;
                    return n;
                }
                (_part, _offset) = (_part + 1, 0);
            }
            return 0;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
