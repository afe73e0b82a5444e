namespace RetailRecs.Core.Staff;

/// <summary>The "Seed" configuration section: the first admin, demo accounts and demo data.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>The admin created on first start when no admin exists.</summary>
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    /// <summary>Demo sign-ins, one per role (set in appsettings.Development.json only).</summary>
    public List<DemoAccount> DemoAccounts { get; set; } = [];
    /// <summary>Load the demo data set into an empty database.</summary>
    public bool DemoData { get; set; }
    /// <summary>Where the demo data file is; relative paths are resolved against the app's folder.</summary>
    public string DemoDataPath { get; set; } = "sample/online_retail_sample.csv.gz";
}

public sealed class DemoAccount
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string Role { get; set; } = "";
    public string DisplayName { get; set; } = "";
}
