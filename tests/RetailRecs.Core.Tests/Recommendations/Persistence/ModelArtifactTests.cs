using System.IO.Compression;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;


namespace RetailRecs.Core.Tests.Recommendations.Persistence;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ModelArtifactTests
{
    [Fact]
    public async Task Read_HybridStoredByVersion1_LoadsAndServesUntilRetrained()
    {
        var data = await DemoSales.LoadAsync();
        var bundle = BundleTrainer.Train(data, [AlgorithmNames.Hybrid], new TrainingParameters()).Single().Bundle!;
        // What version 1 wrote: the same stream without the re-purchase counts and the chosen capacity at its end.
        var raw = Unzip(ModelArtifact.Write(bundle));
        var trailer = 4 + 4 * data.ItemCount + 4 + 4 * data.ItemCount + 4 + 8 * data.CustomerCount + 3 * 4 + 8 + 2 * 4;
        var version1 = raw[..^trailer];
        BitConverter.GetBytes(1).CopyTo(version1, 4);

        var loaded = ModelArtifact.Read(Zip(version1));

        var hybrid = Assert.IsType<HybridModel>(loaded.Ranker);
        Assert.Equal(RankerCapacity.Unknown, hybrid.Capacity);
        var customer = Enumerable.Range(0, data.CustomerCount).First(c => data.Histories[c].Length >= 5);
        Assert.Equal(10, hybrid.Recommend(new RecommendationQuery(data.Histories[customer], [], data.LastDay, customer), 10).Count);
    }

    [Fact]
    public async Task JobWriter_RunsOfOneJob_ShareTheirCompressedBase_AndEachReadsBackAsWrittenAlone()
    {
        var data = await DemoSales.LoadAsync();
        var bundles = BundleTrainer.Train(data, [AlgorithmNames.Popularity, AlgorithmNames.UserKnn, AlgorithmNames.Hybrid], new TrainingParameters())
            .Select(t => t.Bundle!).ToList();
        var writer = new ModelArtifact.JobWriter();

        var written = bundles.Select(writer.Write).ToList();

        for (var b = 0; b < bundles.Count; b++)
        {
            // The same stream as the bundle written alone: the shared part was compressed once, not changed.
            Assert.Equal(Unzip(ModelArtifact.Write(bundles[b])), Unzip(written[b]));
            var read = ModelArtifact.Read(written[b]);
            Assert.Equal(bundles[b].Algorithm, read.Algorithm);
            Assert.Equal(bundles[b].Histories.Sum(h => h.Length), read.Histories.Sum(h => h.Length));
        }
        var customer = Enumerable.Range(0, data.CustomerCount).First(c => data.Histories[c].Length >= 5);
        var query = new RecommendationQuery(data.Histories[customer], [], data.LastDay, customer);
        Assert.Equal(bundles[2].Ranker.Recommend(query, 10).Select(c => c.Item), ModelArtifact.Read(written[2]).Ranker.Recommend(query, 10).Select(c => c.Item));
    }

    private static byte[] Unzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Zip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }
}
