using System.IO.Compression;

namespace RetailRecs.Core.Staff.Passwords;

/// <summary>The vendored list of common and breached passwords (see README.md beside this file), loaded once.</summary>
public static class CommonPasswords
{
    private const string ResourceName = "RetailRecs.Core.Staff.common-passwords.txt.gz";

    // About 49,000 entries: read on the first password change, not at start-up.
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <summary>True when the password, ignoring case, is on the list.</summary>
    public static bool Contains(string password) => List.Value.Contains(password);

    private static HashSet<string> Load()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set;
    }
}
