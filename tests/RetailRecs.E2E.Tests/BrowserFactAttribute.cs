namespace RetailRecs.E2E.Tests;

/// <summary>
/// A browser test. It is skipped, with the reason, only on a developer machine without Chromium;
/// under CI (CI set to anything) it always runs, so a missing browser fails the build instead of hiding.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium). CI runs this test.";
        }
    }
}
