using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>
/// The real CLI and web app killed (SIGKILL) part-way through an import, a training and the event writer's commits,
/// then looked at by a fresh process: nothing half-written, the champion unchanged, the cut-off job marked
/// interrupted, every event answered 202 stored once, and the next attempt succeeding. Slow: processes start.
/// </summary>
[Trait("Database", "Sqlite")] // child processes on SQLite files: not run again on PostgreSQL
public class ProcessKillTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string? Text(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    /// <summary>Starts the app over the database and waits until it serves (start-up checks done).</summary>
    private static async Task<(ChildProcess App, HttpClient Client)> StartAppAsync(string database, string folder)
    {
        var port = RetailRecsWebFactory.FreePort();
        var app = ChildProcess.StartWebApp(database, port, folder);
        await app.WaitForOutputAsync("Application started", Patience);
        return (app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    /// <summary>200,000 sales lines: the writer reports progress every 50,000, so the first report comes well before the commit.</summary>
    private static string WriteLargeSalesFile(TempDirectory dir)
    {
        var path = dir.File("large.csv");
        using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        file.WriteLine("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
        var start = new DateTime(2011, 1, 3, 9, 0, 0);
        for (var line = 0; line < 200_000; line++)
        {
            var invoice = 600_000 + line / 5;
            file.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{invoice},P{line * 7 % 900:D4},Product {line * 7 % 900},{1 + line % 4},{start.AddMinutes(invoice - 600_000):yyyy-MM-dd HH:mm:ss},{1.25 + line % 9},{20_000 + invoice % 3000},United Kingdom"));
        }
        return path;
    }

    [Fact]
    public async Task Import_KilledWhileWriting_NothingStoredMarkedInterruptedAtStartAndTheNextImportSucceeds()
    {
        using var dir = new TempDirectory();
        var database = dir.File("import-kill.db");
        var file = WriteLargeSalesFile(dir);
        string[] import = ["import", "--kind", "transactions", "--file", file, "--database", database];

        using (var cli = ChildProcess.Start(ChildProcess.Cli, import, dir.Path))
        {
            await cli.WaitForOutputAsync("Writing: 50,000", Patience);
            Assert.False(cli.HasExited);
            await cli.KillAsync();
        }

        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM Orders"));
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM OrderLines"));
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM Products"));
        Assert.Equal(nameof(ImportStatus.Running), Text(database, "SELECT Status FROM ImportBatches"));

        var (app, _) = await StartAppAsync(database, dir.Path);
        app.Dispose();
        Assert.Equal(nameof(ImportStatus.Failed), Text(database, "SELECT Status FROM ImportBatches"));
        Assert.StartsWith("Interrupted: the app stopped during this import", Text(database, "SELECT Message FROM ImportBatches"));

        using var again = ChildProcess.Start(ChildProcess.Cli, import, dir.Path);
        Assert.Equal(0, await again.WaitForExitAsync(Patience));
        Assert.Equal(200_000, Scalar(database, "SELECT COUNT(*) FROM OrderLines"));
        Assert.Equal(1, Scalar(database, "SELECT COUNT(*) FROM ImportBatches WHERE Status = 'Succeeded'"));
    }

    [Fact]
    public async Task Train_KilledWhileTraining_ChampionServesRunsMarkedInterruptedAtStartAndTheNextTrainingSucceeds()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var trainer = db.Get<ModelTrainingService>();
        var popularity = new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test");
        var champion = (await trainer.TrainAsync(popularity)).Single().Id;
        // The first training of a database promotes its run itself; promote here only if it did not.
        await using (var context = db.CreateContext())
        {
            if (!await context.ModelRuns.AnyAsync(r => r.Id == champion && r.IsChampion))
            {
                await db.Get<ModelRegistry>().PromoteAsync(champion, StaffActor.System);
            }
        }
        using var dir = new TempDirectory();

        using (var cli = ChildProcess.Start(ChildProcess.Cli,
                   ["train", "--algorithms", "item-knn,user-knn,hybrid", "--promote", "--database", db.FilePath], dir.Path))
        {
            await cli.WaitForOutputAsync("Counting best sellers", Patience);
            Assert.False(cli.HasExited);
            await cli.KillAsync();
        }

        const string killed = "FROM ModelRuns WHERE Algorithm <> 'popularity'";
        Assert.Equal(3, Scalar(db.FilePath, $"SELECT COUNT(*) {killed} AND Status = 'Running'"));
        Assert.Equal(0, Scalar(db.FilePath, "SELECT COUNT(*) FROM ModelRunArtifacts a JOIN ModelRuns r ON r.Id = a.ModelRunId WHERE r.Algorithm <> 'popularity'"));
        Assert.Equal(champion, Scalar(db.FilePath, "SELECT Id FROM ModelRuns WHERE IsChampion"));

        var (app, _) = await StartAppAsync(db.FilePath, dir.Path);
        using (app)
        {
            // The training worker marks them as it starts, beside the server: watched in the database.
            var deadline = DateTime.UtcNow + Patience;
            while (Scalar(db.FilePath, $"SELECT COUNT(*) {killed} AND Status = 'Running'") > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal(3, Scalar(db.FilePath, $"SELECT COUNT(*) {killed} AND Status = 'Failed' AND Error LIKE 'Interrupted:%'"));
        Assert.Equal(champion, Scalar(db.FilePath, "SELECT Id FROM ModelRuns WHERE IsChampion"));
        Assert.Equal(champion, (await db.Get<ModelRegistry>().GetChampionAsync())!.RunId);

        var next = await trainer.TrainAsync(new TrainingRequest([AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        Assert.Equal(ModelRunStatus.Succeeded, next.Single().Status);
    }

    [Fact]
    public async Task Events_AppKilledUnderLoad_EveryEventAnswered202IsStoredOnceAfterRestart()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var context = db.CreateContext())
        {
            context.Products.Add(new Product { Sku = "KILL-1", Name = "Kill test lantern", UnitPrice = 2.5m });
            await context.SaveChangesAsync();
        }
        var (_, secret) = await db.Get<ApiKeyService>().CreateAsync("Kill test till", [ApiScopes.Events], new StaffActor(null, "test"));
        using var dir = new TempDirectory();
        var accepted = new ConcurrentBag<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var (app, client) = await StartAppAsync(db.FilePath, dir.Path);
        using (app)
        using (client)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", secret);
            async Task SendAsync(int till)
            {
                for (var n = 0; ; n++)
                {
                    var invoice = $"K{till}-{n}";
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
                    {
                        Content = JsonContent.Create(new { events = new[] { new { type = "purchase", productId = "KILL-1", quantity = 1, invoice } } }),
                    };
                    request.Headers.Add("Idempotency-Key", invoice);
                    try
                    {
                        using var response = await client.SendAsync(request);
                        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    }
                    catch (HttpRequestException)
                    {
                        return; // killed: this one was never answered, so never accepted
                    }
                    accepted.Add(invoice);
                    if (accepted.Count >= 300)
                    {
                        enough.TrySetResult();
                    }
                }
            }
            var tills = Enumerable.Range(0, 8).Select(t => Task.Run(() => SendAsync(t))).ToList();
            await enough.Task.WaitAsync(Patience);
            await app.KillAsync();
            await Task.WhenAll(tills);
        }

        var (restarted, again) = await StartAppAsync(db.FilePath, dir.Path);
        using (restarted)
        using (again)
        {
            var stored = new Dictionary<string, long>();
            using (var connection = Open(db.FilePath))
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT InvoiceNumber, COUNT(*) FROM Orders GROUP BY InvoiceNumber";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    stored[reader.GetString(0)] = reader.GetInt64(1);
                }
            }
            Assert.True(accepted.Count >= 300);
            Assert.DoesNotContain(accepted, invoice => stored.GetValueOrDefault(invoice) != 1);

            again.DefaultRequestHeaders.Add("X-Api-Key", secret);
            var next = await again.PostAsJsonAsync("/api/v1/events",
                new { events = new[] { new { type = "purchase", productId = "KILL-1", quantity = 1, invoice = "AFTER-RESTART" } } });
            Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        }
    }
}
