using System.Diagnostics;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>Runs the built app as its own process, as an operator would, to see it refuse to start.</summary>
[Trait("Database", "Sqlite")] // child processes on SQLite files: not run again on PostgreSQL
public class StartupRefusalTests
{
    [Fact]
    public async Task Start_InProductionWithNoAdminAndNoneConfigured_ExitsWithAClearMessage()
    {
        using var dir = new TempDirectory();
        var app = Path.Combine(AppContext.BaseDirectory, "RetailRecs.Web.dll");
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = dir.Path,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__SqlitePath"] = dir.File("prod.db");
        start.Environment.Remove("Seed__AdminEmail");
        start.Environment.Remove("Seed__AdminPassword");

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // it started serving instead of refusing: do not leave it running
            }
        }

        Assert.Equal(1, process.ExitCode);
        var said = await stderr + await stdout;
        Assert.Contains("RetailRecs cannot start", said);
        Assert.Contains("Seed:AdminEmail", said);
    }

    [Fact]
    public async Task Start_InProductionWithNoPostgresServerListening_ExitsNamingTheSettingAndServerButNotThePassword()
    {
        var port = RetailRecsWebFactory.FreePort(); // nothing listens there
        var (exitCode, said) = await StartOnPostgresAsync($"Host=127.0.0.1;Port={port};Database=retailrecs;Username=shop;Password=Secret-Pa55word;Timeout=5");

        Assert.Equal(1, exitCode);
        Assert.Contains("RetailRecs cannot start: Cannot connect to the Postgres database named by ConnectionStrings:RetailRecs", said);
        Assert.Contains($"server 127.0.0.1:{port}, database retailrecs, user shop", said);
        Assert.DoesNotContain("Secret-Pa55word", said);
    }

    [PostgresFact]
    public async Task Start_InProductionWithAWrongPostgresPassword_ExitsSayingSoButNotThePassword()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(TestServer.PostgresAdmin) { Password = "Wrong-Pa55word" };
        var (exitCode, said) = await StartOnPostgresAsync(server.ConnectionString);

        Assert.Equal(1, exitCode);
        Assert.Contains("named by ConnectionStrings:RetailRecs", said);
        Assert.Contains($"server {server.Host}:{server.Port}", said);
        Assert.Contains("password authentication failed", said);
        Assert.DoesNotContain("Wrong-Pa55word", said);
    }

    private static async Task<(int ExitCode, string Said)> StartOnPostgresAsync(string connectionString)
    {
        using var dir = new TempDirectory();
        var app = Path.Combine(AppContext.BaseDirectory, "RetailRecs.Web.dll");
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = dir.Path,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__RetailRecs"] = connectionString;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await stderr + await stdout);
    }
}
