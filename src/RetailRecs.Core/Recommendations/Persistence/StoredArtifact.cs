namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// A stored run's artifact as one stream: the run's own bytes with its job's shared part put back where it was taken
/// out (<see cref="ArtifactStore"/>). Read in place rather than copied into one array: at 100× the Online Retail data
/// the shared part alone is hundreds of megabytes, and loading the champion must not hold it twice.
/// </summary>
internal static class StoredArtifact
{
    public static Stream Open(byte[] own, byte[]? sharedPart, int? sharedPartAt) =>
        Open(own, sharedPart is null ? null : new MemoryStream(sharedPart, writable: false), sharedPartAt);

    /// <summary>The same with the shared part as a stream (read from the database as it arrives); disposed with the result.</summary>
    public static Stream Open(byte[] own, Stream? sharedPart, int? sharedPartAt)
    {
        if (sharedPart is null)
        {
            return new MemoryStream(own, writable: false);
        }
        try
        {
            var at = sharedPartAt ?? throw new InvalidDataException("The stored model says it shares a part but not where it goes; train the model again.");
            if (at < 0 || at > own.Length)
            {
                throw new InvalidDataException("The stored model's shared part does not fit its own bytes; train the model again.");
            }
            return new Segments([new MemoryStream(own, 0, at, writable: false), sharedPart, new MemoryStream(own, at, own.Length - at, writable: false)]);
        }
        catch
        {
            sharedPart.Dispose();
            throw;
        }
    }

    /// <summary>Read-only, forward-only reading of several streams one after the other.</summary>
    private sealed class Segments(Stream[] parts) : Common.ReadOnlyForwardStream
    {
        private int _part;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }
            while (_part < parts.Length)
            {
                var n = parts[_part].Read(buffer);
                if (n > 0)
                {
                    return n;
                }
                _part++;
            }
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var part in parts)
                {
                    part.Dispose();
                }
            }
            base.Dispose(disposing);
        }
    }
}
