using System.IO.Compression;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// The stored form of a <see cref="ModelBundle"/>: a gzip-compressed binary stream, versioned, kept in the database so
/// every app instance loads the same model. ML.NET models inside travel as their own zip bytes.
/// </summary>
public static class ModelArtifact
{
    private const int Magic = 0x52524d42; // "RRMB"
    // 2: the hybrid's ranker reads re-purchase features and stores their counts and its chosen capacity. A version 1
    // hybrid still loads and serves (its trees read only the first features, which kept their places) until retrained.
    private const int Version = 2;

    /// <summary>
    /// The artifact as three gzip members: the header, the part every run of a training job shares (catalog,
    /// histories, best sellers, trends, both neighbour tables) and the ranker. A gzip reader reads concatenated members
    /// as one stream, so the bytes decompress to the same stream whether or not the shared part was compressed for
    /// this bundle alone (<see cref="JobWriter"/> compresses it once for a job's runs).
    /// </summary>
    public static byte[] Write(ModelBundle bundle) => Concat(Header(bundle), Member(w => WriteShared(w, bundle)), Member(w => WriteRanker(w, bundle)));

    /// <summary>
    /// An artifact's three gzip members; their concatenation is the artifact. <see cref="Shared"/> is the same array
    /// for every run of a job, so a store can keep it once (<see cref="ArtifactStore"/>).
    /// </summary>
    public sealed record Pieces(byte[] Header, byte[] Shared, byte[] Ranker)
    {
        public long Length => Header.LongLength + Shared.LongLength + Ranker.LongLength;
    }

    /// <summary>
    /// Writes the artifacts of one training job. Its runs differ only in their ranker (<see cref="ModelBundle.WithRanker"/>):
    /// the shared part, 41 MiB compressed for a ten-store chain, is compressed once instead of once per run.
    /// </summary>
    public sealed class JobWriter
    {
        private ModelBundle? _sharedOf;
        private byte[]? _shared;

        public byte[] Write(ModelBundle bundle)
        {
            var pieces = PiecesOf(bundle);
            return Concat(pieces.Header, pieces.Shared, pieces.Ranker);
        }

        /// <summary>
        /// The artifact's members, to be stored one after the other: a writer that streams them need not hold a copy of
        /// the whole, hundreds of megabytes at 100× the Online Retail data.
        /// </summary>
        public Pieces PiecesOf(ModelBundle bundle)
        {
            if (_sharedOf is null || !_sharedOf.SharesSnapshotWith(bundle))
            {
                (_sharedOf, _shared) = (null, null); // the previous snapshot's part is not kept while the next one is written
                (_sharedOf, _shared) = (bundle, Member(w => WriteShared(w, bundle)));
            }
            return new Pieces(Header(bundle), _shared!, Member(w => WriteRanker(w, bundle)));
        }
    }

    private static byte[] Header(ModelBundle bundle) => Member(w =>
    {
        w.Write(Magic);
        w.Write(Version);
        w.Write(bundle.Algorithm);
        w.Write(bundle.LastDay);
    });

    private static void WriteShared(BinaryWriter w, ModelBundle bundle)
    {
        WriteItems(w, bundle.Items);
        w.Write(bundle.CustomerIds.Count);
        for (var c = 0; c < bundle.CustomerIds.Count; c++)
        {
            w.Write(bundle.CustomerIds[c]);
            var history = bundle.Histories[c];
            w.Write(history.Length);
            foreach (var h in history)
            {
                w.Write(h.Item);
                w.Write(h.Baskets);
                w.Write(h.Quantity);
                w.Write(h.LastDay);
                w.Write(h.Affinity);
            }
        }
        bundle.Popularity.Write(w);
        bundle.Trending.Write(w);
        bundle.ItemKnn.Write(w);
        bundle.Content.Write(w);
    }

    private static byte[] Member(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(new BufferedStream(gzip, 1 << 16)))
        {
            write(w);
        }
        return buffer.ToArray();
    }

    private static byte[] Concat(params byte[][] members)
    {
        var bytes = new byte[members.Sum(m => (long)m.Length)];
        var at = 0;
        foreach (var m in members)
        {
            m.CopyTo(bytes, at);
            at += m.Length;
        }
        return bytes;
    }

    public static ModelBundle Read(byte[] bytes) => Read(new MemoryStream(bytes));

    /// <summary>Reads an artifact from its bytes in order (a run's own bytes with the job's shared part between them: <see cref="StoredArtifact"/>).</summary>
    public static ModelBundle Read(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        // Buffered: the reader asks for a few bytes at a time, millions of times for a chain's histories, and each ask
        // straight to the decompressor cost more than the bytes it returned.
        using var r = new BinaryReader(new BufferedStream(gzip, 1 << 16));
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("This is not a RetailRecs model artifact.");
        }
        var version = r.ReadInt32();
        if (version is < 1 or > Version)
        {
            throw new InvalidDataException($"Model artifact version {version} is not supported by this version of RetailRecs (expects {Version}); train the model again.");
        }
        var algorithm = r.ReadString();
        var lastDay = r.ReadInt32();
        var items = ReadItems(r);
        var customers = new int[r.ReadInt32()];
        var histories = new HistoryEntry[customers.Length][];
        var records = new RecordReader(r);
        for (var c = 0; c < customers.Length; c++)
        {
            customers[c] = r.ReadInt32();
            var history = histories[c] = new HistoryEntry[r.ReadInt32()];
            var entries = records.Next(history.Length, 20);
            for (var k = 0; k < history.Length; k++)
            {
                var e = entries.Slice(20 * k, 20);
                history[k] = new HistoryEntry(RecordReader.Int(e, 0), RecordReader.Int(e, 4), RecordReader.Float(e, 8), RecordReader.Int(e, 12),
                    RecordReader.Float(e, 16));
            }
        }
        var popularity = PopularityModel.Read(r);
        var trending = PopularityModel.Read(r);
        var itemKnn = ItemKnnModel.Read(r);
        var content = ContentModel.Read(r);
        var ranker = ReadRanker(r, version, algorithm, popularity, trending, itemKnn, content, histories, items);
        return new ModelBundle(items, customers, histories, lastDay, popularity, trending, itemKnn, content, ranker);
    }

    private static void WriteRanker(BinaryWriter w, ModelBundle bundle)
    {
        switch (bundle.Ranker)
        {
            case UserKnnModel userKnn:
                userKnn.Write(w);
                break;
            case IStoredRanker stored:
                stored.Write(w);
                break;
        }
    }

    private static IRecommender ReadRanker(BinaryReader r, int version, string algorithm, PopularityModel popularity, PopularityModel trending,
        ItemKnnModel itemKnn, ContentModel content, HistoryEntry[][] histories, IReadOnlyList<CatalogItem> items) => algorithm switch
    {
        AlgorithmNames.Popularity => popularity,
        AlgorithmNames.Trending => trending,
        AlgorithmNames.ItemKnn => itemKnn,
        AlgorithmNames.Content => content,
        AlgorithmNames.UserKnn => UserKnnModel.Read(r, histories),
        AlgorithmNames.Factorization => FactorizationModel.Read(r),
        AlgorithmNames.Hybrid => HybridModel.Read(r, histories, items, popularity, trending, itemKnn, content, withRepurchase: version >= 2),
        _ => throw new InvalidDataException($"Unknown algorithm '{algorithm}' in the model artifact."),
    };

    private static void WriteItems(BinaryWriter w, IReadOnlyList<CatalogItem> items)
    {
        w.Write(items.Count);
        foreach (var i in items)
        {
            w.Write(i.ProductId);
            w.Write(i.Sku);
            w.Write(i.Name);
            w.Write(i.Description ?? "");
            w.Write(i.Category ?? "");
            w.Write(i.Brand ?? "");
            w.Write(i.Price ?? float.NaN);
            w.Write(i.Recommendable);
            w.Write(i.AddedDay);
        }
    }

    private static List<CatalogItem> ReadItems(BinaryReader r)
    {
        var count = r.ReadInt32();
        var items = new List<CatalogItem>(count);
        for (var k = 0; k < count; k++)
        {
            var id = r.ReadInt32();
            var sku = r.ReadString();
            var name = r.ReadString();
            var description = NullIfEmpty(r.ReadString());
            var category = NullIfEmpty(r.ReadString());
            var brand = NullIfEmpty(r.ReadString());
            var price = r.ReadSingle();
            items.Add(new CatalogItem(id, sku, name, description, category, brand, float.IsNaN(price) ? null : price, r.ReadBoolean(), r.ReadInt32()));
        }
        return items;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
