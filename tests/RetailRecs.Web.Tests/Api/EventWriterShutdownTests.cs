using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Ingestion;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>The app stopped (as on SIGTERM) while tills send events: no event answered 202 is lost.</summary>
[Trait("Database", "Sqlite")] // about the SQLite file itself: not run again on PostgreSQL
public class EventWriterShutdownTests
{
    [Fact]
    public async Task StopAsync_UnderEventLoad_EveryAcceptedEventIsStoredOnceAndNothingIsTakenAfterwards()
    {
        using var app = new FaultInjectionWebFactory();
        var (client, keyId) = await ApiClient.WithKeyAsync(app);
        var accepted = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<HttpStatusCode>();
        var enoughAccepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        async Task SendUntilStoppedAsync(int till)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var invoice = $"SHUT-{till}-{n}";
                var sale = new { events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 1, invoice } } };
                HttpResponseMessage response;
                try
                {
                    response = await ApiClient.PostEventsAsync(client, sale);
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or OperationCanceledException)
                {
                    return; // the test server is gone: this request was never answered, so never accepted
                }
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add(invoice);
                    if (accepted.Count >= 100)
                    {
                        enoughAccepted.TrySetResult();
                    }
                }
                else
                {
                    refused.Add(response.StatusCode);
                    return;
                }
            }
        }

        var ingestion = app.Services.GetRequiredService<EventIngestion>(); // the container goes with the host
        var tills = Enumerable.Range(0, 8).Select(t => Task.Run(() => SendUntilStoppedAsync(t))).ToList();
        await enoughAccepted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await app.Host.StopAsync();
        stop.Cancel();
        await Task.WhenAll(tills);

        // Whatever the tills sent during the stop was stored and answered 202, or refused (503 from the writer; the
        // test server also answers 500 for a request it takes after the app's services are gone), or never answered.
        Assert.DoesNotContain(HttpStatusCode.Accepted, refused);
        var stored = StoredInvoices(app.DatabasePath);
        Assert.DoesNotContain(accepted, invoice => stored.GetValueOrDefault(invoice) != 1);
        // And the writer takes nothing more once the app has stopped: a request is refused before it is taken.
        var late = await ingestion.IngestAsync(keyId, null, "late", [new StoreEvent("purchase", null, "85123A", 1, Invoice: "AFTER-STOP")]);
        Assert.True(Assert.IsType<IngestionOutcome.Unavailable>(late).Stopping);
        Assert.StartsWith("The app is stopping", ((IngestionOutcome.Unavailable)late).Reason);
        Assert.DoesNotContain("AFTER-STOP", StoredInvoices(app.DatabasePath).Keys);
    }

    /// <summary>Read by a connection of the test's own, as a fresh process would.</summary>
    private static Dictionary<string, int> StoredInvoices(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT InvoiceNumber, COUNT(*) FROM Orders WHERE InvoiceNumber LIKE 'SHUT-%' OR InvoiceNumber = 'AFTER-STOP' GROUP BY InvoiceNumber";
        using var reader = command.ExecuteReader();
        var stored = new Dictionary<string, int>();
        while (reader.Read())
        {
            stored[reader.GetString(0)] = reader.GetInt32(1);
        }
        return stored;
    }
}
