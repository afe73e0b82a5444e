using System.Globalization;
using RetailRecs.Core.Common;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Experiments;

/// <summary>
/// Which variant a unit gets: a hash of the unit and the experiment id, read as a number uniform in [0, 1), falls in
/// one variant's share of the weights. Nothing is stored, so it is sticky across requests, processes and machines,
/// and a different experiment id reshuffles everyone, so being in B in one experiment says nothing about the next.
/// </summary>
public static class ExperimentAssignment
{
    /// <summary>The unit's position in [0, 1) for this experiment.</summary>
    public static double Bucket(string unitKey, int experimentId)
    {
        // FNV-1a alone mixes the last characters weakly; a final avalanche (murmur3's finaliser) spreads them over all bits.
        var h = StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"exp:{experimentId}:{unitKey}"));
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h / 4294967296.0;
    }

    /// <summary>The index of the variant a unit falls in.</summary>
    public static int VariantIndex(string unitKey, int experimentId, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var point = Bucket(unitKey, experimentId) * total;
        var edge = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            edge += weights[i];
            if (point < edge)
            {
                return i;
            }
        }
        return weights.Count - 1;
    }

    public static ExperimentVariant Assign(string unitKey, int experimentId, IReadOnlyList<ExperimentVariant> variants) =>
        variants[VariantIndex(unitKey, experimentId, variants.Select(v => v.Weight).ToList())];
}
