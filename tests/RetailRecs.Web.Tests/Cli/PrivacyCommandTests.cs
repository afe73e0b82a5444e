using System.Globalization;
using RetailRecs.Core.Import;
using RetailRecs.Core.Privacy;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs privacy export|erase` run as its own process on a demo database, as an operator would.</summary>
[Trait("Database", "Sqlite")] // the CLI on SQLite files: not run again on PostgreSQL
public class PrivacyCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Privacy_ExportThenErase_WritesTheFileThenLeavesTheCustomerUnknownEverywhere()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true); // --database names a SQLite file
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        var code = SqliteFile.Text(db.FilePath, "SELECT CustomerCode FROM Customers WHERE Id = (SELECT CustomerId FROM Orders WHERE CustomerId IS NOT NULL ORDER BY Id LIMIT 1)");
        var orders = Scalar(db.FilePath, $"SELECT COUNT(*) FROM Orders o JOIN Customers c ON c.Id = o.CustomerId WHERE c.CustomerCode = '{code}'");
        var file = dir.File("export.json");

        var (exported, exportOutput) = await RunAsync(dir, "privacy", "export", "--customer", code, "--out", file, "--database", db.FilePath);

        Assert.True(exported == 0, exportOutput);
        var export = CustomerDataExport.FromJson(await File.ReadAllTextAsync(file));
        Assert.Equal(code, export.Profile.CustomerCode);
        Assert.Equal(orders, export.Orders.Count);
        Assert.Contains(export.Summary, exportOutput, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var (erased, eraseOutput) = await RunAsync(dir, "privacy", "erase", "--customer", code, "--database", db.FilePath);

        Assert.True(erased == 0, eraseOutput);
        Assert.Matches($"Erased. Reference ER-[0-9A-F]{{12}} .*{orders} orders kept anonymised", eraseOutput);
        Assert.Equal(1, Scalar(db.FilePath, $"SELECT COUNT(*) FROM AuditEntries WHERE Action = 'customer.erased' AND UserName = 'cli:{Environment.UserName}'"));
        var (suggest, suggestOutput) = await RunAsync(dir, "suggest", "--customer", code, "--database", db.FilePath);
        Assert.Equal(1, suggest);
        Assert.Contains($"No customer with code {code}.", suggestOutput, StringComparison.Ordinal);
        var (again, againOutput) = await RunAsync(dir, "privacy", "export", "--customer", code, "--out", dir.File("again.json"), "--database", db.FilePath);
        Assert.Equal(1, again);
        Assert.Contains($"No customer with code {code}: nothing exported, nothing changed.", againOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("again.json")));
    }

    /// <summary>
    /// A database restored by other means than `restore` (a server's own tools; here a copy of the file taken before an
    /// erasure): `privacy carry-erasures --from` the replaced database erases the customer again.
    /// </summary>
    [Fact]
    public async Task PrivacyCarryErasures_FromTheReplacedDatabase_ErasesTheCustomerInTheRestoredOne()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true);
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        var code = SqliteFile.Text(db.FilePath, "SELECT CustomerCode FROM Customers ORDER BY Id LIMIT 1");
        var restored = dir.File("restored.db");
        SqliteFile.Copy(db.FilePath, restored); // the backup, taken before the erasure
        var (erased, eraseOutput) = await RunAsync(dir, "privacy", "erase", "--customer", code, "--database", db.FilePath);
        Assert.True(erased == 0, eraseOutput);

        var (missing, missingOutput) = await RunAsync(dir, "privacy", "carry-erasures", "--database", restored);
        var (carried, carriedOutput) = await RunAsync(dir, "privacy", "carry-erasures", "--from", db.FilePath, "--database", restored);

        Assert.Equal(2, missing);
        Assert.Contains("privacy carry-erasures needs --from", missingOutput, StringComparison.Ordinal);
        Assert.True(carried == 0, carriedOutput);
        Assert.Contains("Erasures made since the backup: 1 carried over, 1 customer(s) in the restored database erased again.", carriedOutput, StringComparison.Ordinal);
        Assert.Equal(0, Scalar(restored, $"SELECT COUNT(*) FROM Customers WHERE CustomerCode = '{code}'"));
        Assert.Equal(1, Scalar(restored, "SELECT COUNT(*) FROM ErasedCustomers"));
    }

    /// <summary>An export to a folder that does not exist was audited as made, then crashed with a stack trace: nobody got it.</summary>
    [Fact]
    public async Task PrivacyExport_FolderThatDoesNotExist_SaysSo_AndAuditsNothing()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true); // --database names a SQLite file
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        var code = SqliteFile.Text(db.FilePath, "SELECT CustomerCode FROM Customers ORDER BY Id LIMIT 1");

        var (exit, output) = await RunAsync(dir, "privacy", "export", "--customer", code, "--out", dir.File(Path.Combine("no-such-folder", "x.json")), "--database", db.FilePath);

        Assert.Equal(1, exit);
        Assert.Contains("Nothing exported, nothing changed.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
        Assert.Equal(0, Scalar(db.FilePath, "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'customer.exported'"));
    }

    /// <summary>A PostgreSQL admin running backup was told to use SQL Server's BACKUP DATABASE.</summary>
    [Fact]
    public async Task Backup_PostgresConfigured_NamesPostgresTools()
    {
        using var dir = new TempDirectory();

        var (exit, output) = await RunAsync(dir, new Dictionary<string, string> { ["Database__Provider"] = "Postgres" }, "backup", "--out", dir.File("b.db"));

        Assert.Equal(2, exit);
        Assert.Contains("The configured database is PostgreSQL", output, StringComparison.Ordinal);
        Assert.Contains("pg_dump", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privacy_UnknownCustomer_SaysSoExitsWithOneAndChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true); // --database names a SQLite file
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        const string counts = "SELECT (SELECT COUNT(*) FROM Customers) || '/' || (SELECT COUNT(*) FROM Orders WHERE CustomerId IS NULL) || '/' || (SELECT COUNT(*) FROM AuditEntries)";
        var before = SqliteFile.Text(db.FilePath, counts);

        var (erase, eraseOutput) = await RunAsync(dir, "privacy", "erase", "--customer", "NO-SUCH-CODE", "--database", db.FilePath);
        var (export, exportOutput) = await RunAsync(dir, "privacy", "export", "--customer", "NO-SUCH-CODE", "--out", dir.File("x.json"), "--database", db.FilePath);
        var (missing, missingOutput) = await RunAsync(dir, "privacy", "erase", "--database", db.FilePath);

        Assert.Equal((1, 1, 2), (erase, export, missing));
        Assert.Contains("No customer with code NO-SUCH-CODE: nothing erased, nothing changed.", eraseOutput, StringComparison.Ordinal);
        Assert.Contains("No customer with code NO-SUCH-CODE: nothing exported, nothing changed.", exportOutput, StringComparison.Ordinal);
        Assert.Contains("privacy erase needs --customer CODE.", missingOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("x.json")));
        Assert.Equal(before, SqliteFile.Text(db.FilePath, counts));
    }

    [Fact]
    public async Task PrivacyRetention_DryRunThenRun_SaysWhatItWouldDoThenDoesItOnce()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true); // --database names a SQLite file
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        var policy = new Dictionary<string, string> { ["Privacy__Retention__CustomersInactiveMonths"] = "6" };
        // Worked out independently: customers whose last sale is before 2011-06-09 (6 months before the demo's last day).
        var inactive = Scalar(db.FilePath,
            "SELECT COUNT(*) FROM (SELECT CustomerId FROM Orders WHERE CustomerId IS NOT NULL GROUP BY CustomerId HAVING MAX(PlacedAt) < '2011-06-09')");
        var customers = Scalar(db.FilePath, "SELECT COUNT(*) FROM Customers");
        Assert.InRange(inactive, 1, customers - 1);

        var (dry, dryOutput) = await RunAsync(dir, policy, "privacy", "retention", "--dry-run", "--database", db.FilePath);

        Assert.True(dry == 0, dryOutput);
        Assert.Contains($"Customers: {inactive:N0} with no sale since before 2011-06-09 would be anonymised", dryOutput, StringComparison.Ordinal);
        Assert.Contains("Inactivity is measured to 2011-12-09, the day of the last sale", dryOutput, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed", dryOutput, StringComparison.Ordinal);
        Assert.Equal(customers, Scalar(db.FilePath, "SELECT COUNT(*) FROM Customers"));

        var (run, runOutput) = await RunAsync(dir, policy, "privacy", "retention", "--database", db.FilePath);

        Assert.True(run == 0, runOutput);
        Assert.Contains($"Customers: {inactive:N0} with no sale since before 2011-06-09 anonymised", runOutput, StringComparison.Ordinal);
        Assert.Equal(customers - inactive, Scalar(db.FilePath, "SELECT COUNT(*) FROM Customers"));
        Assert.Equal("dry-run,applied", SqliteFile.Text(db.FilePath,
            $"SELECT group_concat(EntityId) FROM (SELECT EntityId FROM AuditEntries WHERE Action = 'privacy.retention' AND UserName = 'cli:{Environment.UserName}' ORDER BY Id)"));
    }

    /// <summary>
    /// The policy in the app's appsettings.json, as its Audit log page's dry run shows it: the command read only the
    /// environment and applied the default 36 months, anonymising customers the retailer had chosen to keep.
    /// </summary>
    [Fact]
    public async Task PrivacyRetention_PolicyInTheAppsSettingsFile_IsTheOneApplied_EnvironmentStillWins()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true); // --database names a SQLite file
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory(); // the command runs here, as in a deployment's folder beside the app's settings
        await File.WriteAllTextAsync(dir.File("appsettings.json"),
            """{ "Privacy": { "Retention": { "CustomersInactiveMonths": 0, "InteractionsMonths": 7 } } }""");
        var customers = Scalar(db.FilePath, "SELECT COUNT(*) FROM Customers");

        // Events age by the real date: five months (the environment's), not seven (the file's) nor 24 (the default).
        var days = new HashSet<string>();
        void FiveMonthsAgo() => days.Add(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        FiveMonthsAgo();
        var (run, output) = await RunAsync(dir, new Dictionary<string, string> { ["Privacy__Retention__InteractionsMonths"] = "5" },
            "privacy", "retention", "--database", db.FilePath);
        FiveMonthsAgo(); // the same day unless the run crossed midnight

        Assert.True(run == 0, output);
        Assert.Contains("Customers: off (Privacy:Retention:CustomersInactiveMonths is 0).", output, StringComparison.Ordinal);
        Assert.Contains($"Settings: {Path.Combine(dir.Path, "appsettings*.json")}, then environment variables", output, StringComparison.Ordinal);
        Assert.Equal(customers, Scalar(db.FilePath, "SELECT COUNT(*) FROM Customers"));
        var applied = SqliteFile.Text(db.FilePath, "SELECT Details FROM AuditEntries WHERE Action = 'privacy.retention'");
        Assert.Contains(days, day => applied.Contains($"\"interactionsBefore\":\"{day}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivacyRetention_BadSetting_SaysWhichAndChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true); // --database names a SQLite file
        using var dir = new TempDirectory();

        var (exit, output) = await RunAsync(dir, new Dictionary<string, string> { ["Privacy__Retention__InteractionsMonths"] = "two years" },
            "privacy", "retention", "--database", db.FilePath);

        Assert.Equal(2, exit);
        Assert.Contains("The setting Privacy:Retention:InteractionsMonths must be a whole number, not 'two years'. Nothing was changed.", output, StringComparison.Ordinal);
        Assert.Equal(0, Scalar(db.FilePath, "SELECT COUNT(*) FROM AuditEntries"));
    }

    private static Task<(int ExitCode, string Output)> RunAsync(TempDirectory dir, params string[] args) => RunAsync(dir, null, args);

    private static async Task<(int ExitCode, string Output)> RunAsync(TempDirectory dir, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var cli = ChildProcess.Start(ChildProcess.Cli, args, dir.Path, environment);
        var exit = await cli.WaitForExitAsync(Patience);
        return (exit, cli.Output);
    }

    private static long Scalar(string path, string sql) => Convert.ToInt64(SqliteFile.Text(path, sql), CultureInfo.InvariantCulture);
}
