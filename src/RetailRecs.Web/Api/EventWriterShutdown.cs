using RetailRecs.Core.Ingestion;

namespace RetailRecs.Web.Api;

/// <summary>
/// Ends the event writer with the app: hosted services stop after the server has let its requests in flight finish,
/// so by then every request the writer took is committed and answered; anything still arriving is refused with 503
/// (nothing stored, retry) instead of being queued into a process about to exit.
/// </summary>
internal sealed class EventWriterShutdown(EventIngestion ingestion, ILogger<EventWriterShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await ingestion.StopAsync(cancellationToken);
        logger.LogInformation("Event writer stopped; every accepted event is committed");
    }
}
