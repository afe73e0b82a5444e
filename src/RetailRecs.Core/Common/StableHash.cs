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
}
