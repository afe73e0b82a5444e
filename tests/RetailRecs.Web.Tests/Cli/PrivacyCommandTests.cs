using System.Globalization;
using Microsoft.Data.Sqlite;
using RetailRecs.Core.Import;
using RetailRecs.Core.Privacy;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs privacy export|erase` run as its own process on a demo database, as an operator would.</summary>
public class PrivacyCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Privacy_ExportThenErase_WritesTheFileThenLeavesTheCustomerUnknownEverywhere()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        var code = Text(db.FilePath, "SELECT CustomerCode FROM Customers WHERE Id = (SELECT CustomerId FROM Orders WHERE CustomerId IS NOT NULL ORDER BY Id LIMIT 1)");
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

    [Fact]
    public async Task Privacy_UnknownCustomer_SaysSoExitsWithOneAndChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        const string counts = "SELECT (SELECT COUNT(*) FROM Customers) || '/' || (SELECT COUNT(*) FROM Orders WHERE CustomerId IS NULL) || '/' || (SELECT COUNT(*) FROM AuditEntries)";
        var before = Text(db.FilePath, counts);

        var (erase, eraseOutput) = await RunAsync(dir, "privacy", "erase", "--customer", "NO-SUCH-CODE", "--database", db.FilePath);
        var (export, exportOutput) = await RunAsync(dir, "privacy", "export", "--customer", "NO-SUCH-CODE", "--out", dir.File("x.json"), "--database", db.FilePath);
        var (missing, missingOutput) = await RunAsync(dir, "privacy", "erase", "--database", db.FilePath);

        Assert.Equal((1, 1, 2), (erase, export, missing));
        Assert.Contains("No customer with code NO-SUCH-CODE: nothing erased, nothing changed.", eraseOutput, StringComparison.Ordinal);
        Assert.Contains("No customer with code NO-SUCH-CODE: nothing exported, nothing changed.", exportOutput, StringComparison.Ordinal);
        Assert.Contains("privacy erase needs --customer CODE.", missingOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("x.json")));
        Assert.Equal(before, Text(db.FilePath, counts));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(TempDirectory dir, params string[] args)
    {
        using var cli = ChildProcess.Start(ChildProcess.Cli, args, dir.Path);
        var exit = await cli.WaitForExitAsync(Patience);
        return (exit, cli.Output);
    }

    private static long Scalar(string path, string sql) => Convert.ToInt64(Text(path, sql), CultureInfo.InvariantCulture);

    private static string Text(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }
}
