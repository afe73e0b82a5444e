namespace RetailRecs.Core.Segmentation;

/// <summary>How well a clustering separates its points: the two standard internal measures.</summary>
public static class ClusterQuality
{
    /// <summary>
    /// Mean silhouette (−1 to 1, higher is better): for each point, (b − a) / max(a, b) with a the mean distance to its
    /// own cluster and b the smallest mean distance to another cluster; a point alone in its cluster scores 0.
    /// Computed over an evenly spread sample of at most <paramref name="sample"/> points, since it is quadratic.
    /// </summary>
    public static double Silhouette(float[][] points, int[] labels, int k, int sample = 2000)
    {
        var n = points.Length;
        if (n < 2 || k < 2)
        {
            return 0;
        }
        var chosen = n <= sample ? Enumerable.Range(0, n).ToArray() : Enumerable.Range(0, sample).Select(i => (int)((long)i * n / sample)).ToArray();
        var sizes = new int[k];
        foreach (var i in chosen)
        {
            sizes[labels[i]]++;
        }
        var total = 0.0;
        var sums = new double[k];
        foreach (var i in chosen)
        {
            Array.Clear(sums);
            foreach (var j in chosen)
            {
                if (i != j)
                {
                    sums[labels[j]] += Math.Sqrt(SquaredDistance(points[i], points[j]));
                }
            }
            var own = labels[i];
            if (sizes[own] <= 1)
            {
                continue;
            }
            var a = sums[own] / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }
            if (b == double.MaxValue)
            {
                continue;
            }
            var max = Math.Max(a, b);
            total += max > 0 ? (b - a) / max : 0;
        }
        return total / chosen.Length;
    }

    /// <summary>
    /// Davies–Bouldin index (0 and up, lower is better): the mean over clusters of the worst ratio
    /// (spread of i + spread of j) / distance between their centroids, spread being the mean distance to the centroid.
    /// </summary>
    public static double DaviesBouldin(float[][] points, int[] labels, int k)
    {
        var dims = points.Length == 0 ? 0 : points[0].Length;
        var centroids = new double[k][];
        var counts = new int[k];
        for (var c = 0; c < k; c++)
        {
            centroids[c] = new double[dims];
        }
        for (var i = 0; i < points.Length; i++)
        {
            counts[labels[i]]++;
            for (var d = 0; d < dims; d++)
            {
                centroids[labels[i]][d] += points[i][d];
            }
        }
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < dims && counts[c] > 0; d++)
            {
                centroids[c][d] /= counts[c];
            }
        }
        var spread = new double[k];
        for (var i = 0; i < points.Length; i++)
        {
            spread[labels[i]] += Math.Sqrt(SquaredDistance(points[i], centroids[labels[i]]));
        }
        var used = Enumerable.Range(0, k).Where(c => counts[c] > 0).ToList();
        if (used.Count < 2)
        {
            return 0;
        }
        foreach (var c in used)
        {
            spread[c] /= counts[c];
        }
        var sum = 0.0;
        foreach (var i in used)
        {
            var worst = 0.0;
            foreach (var j in used.Where(j => j != i))
            {
                var separation = Math.Sqrt(SquaredDistance(centroids[i], centroids[j]));
                worst = Math.Max(worst, separation > 0 ? (spread[i] + spread[j]) / separation : double.MaxValue);
            }
            sum += worst;
        }
        return sum / used.Count;
    }

    internal static double SquaredDistance(float[] x, float[] y)
    {
        var s = 0.0;
        for (var d = 0; d < x.Length; d++)
        {
            var diff = x[d] - y[d];
            s += diff * diff;
        }
        return s;
    }

    private static double SquaredDistance(float[] x, double[] y)
    {
        var s = 0.0;
        for (var d = 0; d < x.Length; d++)
        {
            var diff = x[d] - y[d];
            s += diff * diff;
        }
        return s;
    }

    private static double SquaredDistance(double[] x, double[] y)
    {
        var s = 0.0;
        for (var d = 0; d < x.Length; d++)
        {
            var diff = x[d] - y[d];
            s += diff * diff;
        }
        return s;
    }
}
