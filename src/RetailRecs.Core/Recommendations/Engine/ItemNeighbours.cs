namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// For each item, its nearest items with a similarity and (for co-purchase neighbourhoods) how many baskets held both.
/// Kept sorted by similarity, best first.
/// </summary>
public sealed class ItemNeighbours
{
    public ItemNeighbours(int[][] items, float[][] similarities, int[][]? together = null)
    {
        Items = items;
        Similarities = similarities;
        Together = together;
    }

    public int[][] Items { get; }
    public float[][] Similarities { get; }
    /// <summary>Baskets holding both items; null for neighbourhoods not built from baskets.</summary>
    public int[][]? Together { get; }

    public int Count => Items.Length;

    public IEnumerable<(int Item, float Similarity, int Together)> Of(int item)
    {
        var items = Items[item];
        for (var k = 0; k < items.Length; k++)
        {
            yield return (items[k], Similarities[item][k], Together?[item][k] ?? 0);
        }
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Items.Length);
        w.Write(Together is not null);
        for (var i = 0; i < Items.Length; i++)
        {
            w.Write(Items[i].Length);
            for (var k = 0; k < Items[i].Length; k++)
            {
                w.Write(Items[i][k]);
                w.Write(Similarities[i][k]);
                if (Together is not null)
                {
                    w.Write(Together[i][k]);
                }
            }
        }
    }

    public static ItemNeighbours Read(BinaryReader r)
    {
        var n = r.ReadInt32();
        var hasTogether = r.ReadBoolean();
        var items = new int[n][];
        var sims = new float[n][];
        var together = hasTogether ? new int[n][] : null;
        var records = new RecordReader(r);
        var size = hasTogether ? 12 : 8;
        for (var i = 0; i < n; i++)
        {
            var m = r.ReadInt32();
            items[i] = new int[m];
            sims[i] = new float[m];
            if (together is not null)
            {
                together[i] = new int[m];
            }
            var row = records.Next(m, size);
            for (var k = 0; k < m; k++)
            {
                var e = row.Slice(size * k, size);
                items[i][k] = RecordReader.Int(e, 0);
                sims[i][k] = RecordReader.Float(e, 4);
                if (together is not null)
                {
                    together[i][k] = RecordReader.Int(e, 8);
                }
            }
        }
        return new ItemNeighbours(items, sims, together);
    }

    /// <summary>Keeps the <paramref name="k"/> most similar of a scratch row (dense similarity per item), skipping <paramref name="self"/>.</summary>
    internal static (int[] Items, float[] Sims) TopOfRow(IReadOnlyList<int> touched, float[] row, int self, int k)
    {
        var top = TopK.OfRow(touched, row, self, k);
        return (top.Select(c => c.Item).ToArray(), top.Select(c => c.Score).ToArray());
    }
}
