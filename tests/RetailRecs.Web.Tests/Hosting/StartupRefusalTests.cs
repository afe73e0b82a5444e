using System.Diagnostics;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>Runs the built app as its own process, as an operator would, to see it refuse to start.</summary>
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
}
