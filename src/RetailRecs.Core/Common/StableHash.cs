namespace RetailRecs.Core.Common;

/// <summary>
/// A hash that is the same in every process and on every machine (FNV-1a), for keys that must survive restarts.
/// string.GetHashCode is randomised per process and must never be stored.
/// </summary>
public static class StableHash
{
    public static uint Of(string s)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var ch in s)
            {
                hash = (hash ^ ch) * 16777619u;
            }
            return hash;
        }
    }

    /// <summary>The 64-bit FNV-1a: for keys that must not collide among millions (two 32-bit hashes meet once in about 77,000 values).</summary>
    public static ulong Of64(string s)
    {
        unchecked
        {
            var hash = 14695981039346656037ul;
            foreach (var ch in s)
            {
                hash = (hash ^ ch) * 1099511628211ul;
            }
            return hash;
        }
    }
}
