namespace RetailRecs.Testing;

/// <summary>Files of the repository that tests read: the committed demo data slices and the root development settings.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleData => Path.Combine(Root, "database", "sample", "online_retail_sample.csv.gz");
    /// <summary>The same slice as a grocer exports it: member number, date and item name only (no price, invoice, code).</summary>
    public static string MemberDateItemSample => Path.Combine(Root, "database", "sample", "member_date_item_sample.csv.gz");
    public static string DevelopmentSettings => Path.Combine(Root, "appsettings.Development.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RetailRecs.Web.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"RetailRecs.Web.sln not found above {AppContext.BaseDirectory}.");
    }
}
