using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Segmentation;

/// <summary>
/// A segmentation run: reads every customer's features, segments them, stores the run, its segments and every
/// customer's assignment, and makes it the current one. A run that fails is stored as failed with the reason and the
/// previous segmentation stays current.
/// </summary>
public sealed class SegmentationService(IDbContextFactory<RetailDbContext> contexts, CustomerFeatureLoader loader, ILogger<SegmentationService> logger)
    : IJobHistory
{
    /// <summary>Products kept per segment: the segment's best sellers, which the recommender serves as "popular with customers like them".</summary>
    public const int TopProductsKept = 50;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The lease a run holds (<see cref="SegmentationJob"/>): one at a time across the app instances and command-line runs on a database.</summary>
    public const string Lease = "segmentation";

    /// <summary>
    /// One run. The app and the command line run it as a <see cref="SegmentationJob"/>, which holds <see cref="Lease"/>
    /// across instances; called directly (tests), nothing stops two at once, and the last to finish is current.
    /// </summary>
    /// <param name="afterTrainingRunId">The first model run of the training this run follows; null when started on its own.</param>
    /// <summary>
    /// True when a segmentation already followed the training whose first run is <paramref name="trainingRunId"/>: the
    /// instance that trained it segmented after it, and a job that reused its runs need not segment the same sales again.
    /// </summary>
    public async Task<bool> FollowedAsync(int trainingRunId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SegmentationRuns.AnyAsync(s => s.AfterTrainingRunId == trainingRunId && s.Status == ModelRunStatus.Succeeded, ct);
    }

    public async Task<SegmentationRun> RunAsync(SegmentationOptions options, string startedBy, IProgress<double>? progress = null,
        CancellationToken ct = default, int? afterTrainingRunId = null)
    {
        var watch = Stopwatch.StartNew();
        var run = new SegmentationRun { Status = ModelRunStatus.Running, StartedBy = startedBy, AfterTrainingRunId = afterTrainingRunId };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.SegmentationRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }
        try
        {
            progress?.Report(0);
            var data = await loader.LoadAsync(ct);
            logger.LogInformation("Segmentation features for {Customers} customers read in {Ms} ms", data.Customers.Count, watch.ElapsedMilliseconds);
            var result = await Task.Run(() => SegmentationEngine.Run(data, options, new Common.InlineProgress<double>(p => progress?.Report(0.1 + 0.8 * p)), ct), ct);
            await StoreAsync(run, result, options, ct);
            run.Seconds = watch.Elapsed.TotalSeconds;
            await FinishAsync(run, ModelRunStatus.Succeeded, null);
            logger.LogInformation("Segmented {Customers} customers into {K} segments in {Seconds:F1} s", result.Customers.Count, result.K, run.Seconds);
            progress?.Report(1);
            return run;
        }
        catch (OperationCanceledException)
        {
            await UnfinishedAsync(run, ModelRunStatus.Cancelled, "Stopped before it finished.");
            throw;
        }
        catch (SegmentationException e)
        {
            await UnfinishedAsync(run, ModelRunStatus.Failed, e.Message);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Segmentation run {Run} failed", run.Id);
            await UnfinishedAsync(run, ModelRunStatus.Failed, $"Segmentation failed: {Common.FailureText.Of(e)}");
            throw new SegmentationException($"Segmentation failed: {Common.FailureText.Of(e)} The previous segments are still in use.");
        }
    }

    private async Task StoreAsync(SegmentationRun run, SegmentationEngine.Result result, SegmentationOptions options, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        db.Attach(run);
        run.AsOf = result.AsOf;
        run.Customers = result.Customers.Count;
        run.K = result.K;
        run.KChosenByUser = options.FixedK is not null;
        run.KScores = JsonSerializer.Serialize(result.Scores, Json);
        run.Features = JsonSerializer.Serialize(result.FeatureNames, Json);

        // A manager's name for a segment follows it to the next run when the profile names the new segment the same way.
        var renamed = await db.Segments.Where(s => s.Run!.IsCurrent && s.RenamedBy != null)
            .Select(s => new { s.GeneratedName, s.Name, s.RenamedBy }).ToListAsync(ct);
        var segments = result.Segments.Select(p =>
        {
            var carried = renamed.FirstOrDefault(r => r.GeneratedName == p.Name);
            return new Segment
            {
                RunId = run.Id,
                Number = p.Number,
                GeneratedName = p.Name,
                Name = carried?.Name ?? p.Name,
                RenamedBy = carried?.RenamedBy,
                Size = p.Size,
                RevenueShare = p.RevenueShare,
                MedianRecencyDays = p.MedianRecencyDays,
                MedianFrequency = p.MedianFrequency,
                MedianMonetary = (decimal)Math.Round(p.MedianMonetary, 2),
                Profile = JsonSerializer.Serialize(p, Json),
            };
        }).ToList();
        db.Segments.AddRange(segments);
        await db.SaveChangesAsync(ct);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < result.Customers.Count; i++)
        {
            var c = result.Customers[i];
            var rfm = result.Rfm[i];
            db.CustomerSegments.Add(new CustomerSegment
            {
                RunId = run.Id,
                CustomerId = c.CustomerId,
                SegmentId = segments[result.Labels[i]].Id,
                RecencyScore = rfm.R,
                FrequencyScore = rfm.F,
                MonetaryScore = rfm.M,
                RfmSegment = rfm.Segment,
                RecencyDays = c.RecencyDays,
                Frequency = c.Frequency,
                Monetary = (decimal)Math.Round(c.Monetary, 2),
                MapX = result.Map[i][0],
                MapY = result.Map[i][1],
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        await StoreTopProductsAsync(db, run.Id, segments, result, ct);
    }

    /// <summary>Each segment's best sellers by how many of its members bought them, aggregated in SQL.</summary>
    private static async Task StoreTopProductsAsync(RetailDbContext db, int runId, List<Segment> segments, SegmentationEngine.Result result,
        CancellationToken ct)
    {
        var bought = await db.OrderLines
            .Where(l => !l.Order!.IsCancellation && l.Quantity > 0 && l.Product!.IsActive && !l.Product.IsNonMerchandise)
            .Join(db.CustomerSegments.Where(s => s.RunId == runId), l => l.Order!.CustomerId, s => s.CustomerId,
                (l, s) => new { s.SegmentId, l.ProductId, s.CustomerId })
            .Distinct()
            .GroupBy(x => new { x.SegmentId, x.ProductId })
            .Select(g => new { g.Key.SegmentId, g.Key.ProductId, Customers = g.Count() })
            .ToListAsync(ct);
        var top = bought.GroupBy(b => b.SegmentId).ToDictionary(g => g.Key,
            g => g.OrderByDescending(b => b.Customers).ThenBy(b => b.ProductId).Take(TopProductsKept).ToList());
        var ids = top.Values.SelectMany(t => t.Select(b => b.ProductId)).Distinct().ToList();
        var products = await db.Products.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Sku, p.Name }).ToDictionaryAsync(p => p.Id, ct);
        foreach (var segment in segments)
        {
            var profile = result.Segments[segment.Number] with
            {
                TopProducts = top.GetValueOrDefault(segment.Id)?.Select(b =>
                    new SegmentProfile.TopProduct(b.ProductId, products[b.ProductId].Sku, products[b.ProductId].Name, b.Customers)).ToList() ?? [],
            };
            await db.Segments.Where(s => s.Id == segment.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Profile, JsonSerializer.Serialize(profile, Json)), ct);
        }
    }

    /// <summary>A failed or stopped run's outcome, written when the database takes it (<see cref="Common.Jobs.UnfinishedOutcome"/>).</summary>
    private Task UnfinishedAsync(SegmentationRun run, ModelRunStatus status, string? error) =>
        Common.Jobs.UnfinishedOutcome.RecordAsync(() => FinishAsync(run, status, error), logger, $"segmentation run {run.Id}");

    private async Task FinishAsync(SegmentationRun run, ModelRunStatus status, string? error)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (status == ModelRunStatus.Succeeded)
        {
            // A customer who objected while the run computed (after it read who objects) is in no segment of it, and
            // the sizes the Segments page shows count without them.
            var left = await db.CustomerSegments.Where(s => s.RunId == run.Id && db.Customers.Any(c => c.Id == s.CustomerId && c.PersonalizationOptOut))
                .ExecuteDeleteAsync(CancellationToken.None);
            if (left > 0)
            {
                await db.Segments.Where(s => s.RunId == run.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Size, s => db.CustomerSegments.Count(c => c.SegmentId == s.Id)), CancellationToken.None);
                // And each segment's share of the revenue (summed here: SQLite keeps the amounts as text). Rare, one run's members.
                var spend = (await db.CustomerSegments.Where(s => s.RunId == run.Id).Select(s => new { s.SegmentId, s.Monetary }).ToListAsync(CancellationToken.None))
                    .GroupBy(s => s.SegmentId).ToDictionary(g => g.Key, g => g.Sum(s => s.Monetary));
                var total = spend.Values.Sum();
                foreach (var id in await db.Segments.Where(s => s.RunId == run.Id).Select(s => s.Id).ToListAsync(CancellationToken.None))
                {
                    var share = total > 0 ? (double)(spend.GetValueOrDefault(id) / total) : 0;
                    await db.Segments.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.RevenueShare, share), CancellationToken.None);
                }
                run.Customers -= left;
                await db.SegmentationRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Customers, run.Customers), CancellationToken.None);
            }
            // One current run: the swap happens in one transaction, so readers never see none or two.
            await db.SegmentationRuns.Where(r => r.IsCurrent).ExecuteUpdateAsync(u => u.SetProperty(r => r.IsCurrent, false));
        }
        await db.SegmentationRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedAt, DateTime.UtcNow)
            .SetProperty(r => r.Seconds, run.Seconds)
            .SetProperty(r => r.IsCurrent, status == ModelRunStatus.Succeeded));
        await tx.CommitAsync(CancellationToken.None);
        run.Status = status;
        run.Error = error;
        run.IsCurrent = status == ModelRunStatus.Succeeded;
    }

    /// <summary>Marks runs left "running" by a stopped app as cancelled.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var abandoned = await Common.Jobs.JobOwner.AbandonedAsync(db, db.SegmentationRuns.Where(r => r.Status == ModelRunStatus.Running), ct);
        if (abandoned.Count == 0)
        {
            return 0;
        }
        return await db.SegmentationRuns.Where(r => abandoned.Contains(r.Id) && r.Status == ModelRunStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, ModelRunStatus.Cancelled)
            .SetProperty(r => r.Error, "The app stopped before the run finished."), ct);
    }
}
