namespace RetailRecs.Testing;

/// <summary>The app on its SQLite file on every run, for tests about the file itself (backups, locks, copies).</summary>
public sealed class SqliteFileWebFactory : RetailRecsWebFactory
{
    protected override bool FollowsTestProvider => false;
}
