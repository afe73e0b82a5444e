using RetailRecs.Core.Common.Jobs;

namespace RetailRecs.Web.Hosting;

/// <summary>Hosts the job runner (see JobRunner): training, segmentation, evaluation, imports, retention and their schedules.</summary>
public sealed class JobsWorker(JobRunner runner) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => runner.RunAsync(stoppingToken);
}
