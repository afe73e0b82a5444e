using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>The app stopped (as on SIGTERM) while tills send events: no event answered 202 is lost.</summary>
public class EventWriterShutdownTests
{
    [Fact]
    public async Task StopAsync_UnderEventLoad_EveryAcceptedEventIsStoredOnceAndLaterOnesAreRefusedWith503()
    {
        using var app = new FaultInjectionWebFactory();
        var (client, _) = await ApiClient.WithKeyAsync(app);
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

        var tills = Enumerable.Range(0, 8).Select(t => Task.Run(() => SendUntilStoppedAsync(t))).ToList();
        await enoughAccepted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await app.Host.StopAsync();
        var after = await ApiClient.PostEventsAsync(client,
            new { events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 1, invoice = "AFTER-STOP" } } });
        stop.Cancel();
        await Task.WhenAll(tills);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Contains("The app is stopping", await after.Content.ReadAsStringAsync());
        Assert.All(refused, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        var stored = StoredInvoices(app.DatabasePath);
        Assert.DoesNotContain(accepted, invoice => stored.GetValueOrDefault(invoice) != 1);
        Assert.DoesNotContain("AFTER-STOP", stored.Keys);
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
