using RetailRecs.Core.Privacy;

namespace RetailRecs.Web.Hosting;

/// <summary>Brings erasures made on other app instances to this one's loaded models (see ErasuresElsewhere).</summary>
public sealed class ErasuresElsewhereWorker(ErasuresElsewhere erasures) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await erasures.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
