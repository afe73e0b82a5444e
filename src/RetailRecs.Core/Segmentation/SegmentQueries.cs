using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Segmentation;

/// <summary>What the pages, the customer card, the dashboards and the recommender read about the current segmentation.</summary>
public sealed class SegmentQueries(IDbContextFactory<RetailDbContext> contexts)
{
    /// <summary>Points drawn on the segment map: enough to see the shapes, few enough for a tablet's browser.</summary>
    public const int MapPoints = 1500;

    public sealed record SegmentView(int Id, int Number, string Name, string GeneratedName, int Size, double RevenueShare,
        double MedianRecencyDays, double MedianFrequency, decimal MedianMonetary, SegmentProfile Profile);

    public sealed record MapPoint(float X, float Y, int Number);

    public sealed record Overview(int RunId, DateTime FinishedAt, DateOnly? AsOf, int Customers, int K, bool KChosenByUser, double? Seconds,
        IReadOnlyList<Clustering.KScore> Scores, IReadOnlyList<string> Features, IReadOnlyList<SegmentView> Segments,
        IReadOnlyList<MapPoint> Map, int[,] RfmGrid, string StartedBy = "", int? AfterTrainingRunId = null)
    {
        /// <summary>How the run began ("After training run 12 (daily schedule)", "By hand"), naming no one.</summary>
        public string Origin => SegmentationOrigin.Describe(StartedBy, AfterTrainingRunId);

        /// <summary>False when the run had no prices to go on: segments were made without money and no figure of spend means anything.</summary>
        public bool SpendKnown => Features.Contains(FeatureEncoder.MonetaryName);
    }

    public sealed record Member(int CustomerId, string Name, string CustomerCode, string? Country, int RecencyDays, int Frequency,
        decimal Monetary, string Rfm, string RfmSegment);

    public sealed record CustomerSegmentInfo(int SegmentId, string Segment, string RfmSegment, byte R, byte F, byte M, DateOnly? AsOf);

    public sealed record RunSummary(int Id, DateTime StartedAt, ModelRunStatus Status, int K, bool KChosenByUser, int Customers, double? Seconds,
        string StartedBy, string? Error, bool IsCurrent, int? AfterTrainingRunId = null)
    {
        /// <inheritdoc cref="Overview.Origin"/>
        public string Origin => SegmentationOrigin.Describe(StartedBy, AfterTrainingRunId);
    }

    public async Task<Overview?> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.SegmentationRuns.AsNoTracking().Include(r => r.Segments).SingleOrDefaultAsync(r => r.IsCurrent, ct);
        if (run is null)
        {
            return null;
        }
        var segments = run.Segments.OrderBy(s => s.Number).Select(View).ToList();
        var numberById = segments.ToDictionary(s => s.Id, s => s.Number);
        // An even spread of the customers, the same on every visit.
        var step = Math.Max(1, run.Customers / MapPoints);
        var map = await db.CustomerSegments.AsNoTracking().Where(c => c.RunId == run.Id && c.CustomerId % step == 0)
            .Select(c => new { c.MapX, c.MapY, c.SegmentId }).ToListAsync(ct);
        var cells = await db.CustomerSegments.Where(c => c.RunId == run.Id)
            .GroupBy(c => new { c.RecencyScore, c.FrequencyScore }).Select(g => new { g.Key.RecencyScore, g.Key.FrequencyScore, Count = g.Count() })
            .ToListAsync(ct);
        var grid = new int[5, 5];
        foreach (var cell in cells)
        {
            grid[cell.RecencyScore - 1, cell.FrequencyScore - 1] = cell.Count;
        }
        return new Overview(run.Id, run.FinishedAt ?? run.StartedAt, run.AsOf, run.Customers, run.K, run.KChosenByUser, run.Seconds,
            JsonSerializer.Deserialize<List<Clustering.KScore>>(run.KScores, SegmentationService.Json) ?? [],
            JsonSerializer.Deserialize<List<string>>(run.Features, SegmentationService.Json) ?? [],
            segments, map.Select(m => new MapPoint(m.MapX, m.MapY, numberById[m.SegmentId])).ToList(), grid, run.StartedBy, run.AfterTrainingRunId);
    }

    /// <summary>A page of a segment's members, most valuable first.</summary>
    public const string MembersViewedAction = "segment.members-viewed";

    /// <summary>
    /// A page of the segment's members (names, codes, spend): a view of customers' data, audited as the card's opening
    /// is — who, when, which segment and which rows, never the names shown.
    /// </summary>
    public async Task<(IReadOnlyList<Member> Members, int Total)> MembersAsync(int segmentId, int skip, int take, StaffActor viewer, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.CustomerSegments.AsNoTracking().Where(c => c.SegmentId == segmentId);
        var total = await q.CountAsync(ct);
        // Spend first; without prices (all spend 0) the most frequent buyers come first.
        var rows = await q.OrderByDescending(c => c.Monetary).ThenByDescending(c => c.Frequency).ThenBy(c => c.CustomerId).Skip(skip).Take(take)
            .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { s, c })
            .Select(x => new
            {
                x.c.Id, x.c.FirstName, x.c.LastName, x.c.CustomerCode, x.c.Country, x.s.RecencyDays, x.s.Frequency, x.s.Monetary,
                x.s.RecencyScore, x.s.FrequencyScore, x.s.MonetaryScore, x.s.RfmSegment,
            })
            .ToListAsync(ct);
        if (rows.Count > 0)
        {
            db.AuditEntries.Add(AuditLog.Entry(viewer, MembersViewedAction, nameof(Segment), segmentId.ToString(CultureInfo.InvariantCulture),
                $"rows {skip + 1}–{skip + rows.Count} of {total}"));
            await db.SaveChangesAsync(ct);
        }
        return (rows.Select(r => new Member(r.Id,
            new Customer { FirstName = r.FirstName, LastName = r.LastName, CustomerCode = r.CustomerCode }.DisplayName,
            r.CustomerCode, r.Country, r.RecencyDays, r.Frequency, r.Monetary, RfmScores.Text(r.RecencyScore, r.FrequencyScore, r.MonetaryScore), r.RfmSegment)).ToList(), total);
    }

    /// <summary>The customer's segment in the current run, or null when they were not segmented (no purchase yet, or no run).</summary>
    public async Task<CustomerSegmentInfo?> ForCustomerAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CustomerSegments.AsNoTracking()
            .Where(c => c.CustomerId == customerId && c.Segment!.Run!.IsCurrent)
            .Select(c => new CustomerSegmentInfo(c.SegmentId, c.Segment!.Name, c.RfmSegment, c.RecencyScore, c.FrequencyScore, c.MonetaryScore, c.Segment.Run!.AsOf))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The current segments by name, for filters (dashboard, experiments).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Segments.AsNoTracking().Where(s => s.Run!.IsCurrent).OrderBy(s => s.Number).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        return list.Select(s => (s.Id, s.Name)).ToList();
    }

    public async Task<IReadOnlyList<RunSummary>> HistoryAsync(int take = 20, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SegmentationRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take)
            .Select(r => new RunSummary(r.Id, r.StartedAt, r.Status, r.K, r.KChosenByUser, r.Customers, r.Seconds, r.StartedBy, r.Error, r.IsCurrent,
                r.AfterTrainingRunId))
            .ToListAsync(ct);
    }

    /// <summary>Renames a segment (audited). Returns an error in words, or null when done.</summary>
    public async Task<string?> RenameAsync(int segmentId, string name, StaffActor actor, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 80)
        {
            return "A segment name needs 1 to 80 characters.";
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Id == segmentId, ct);
        if (segment is null)
        {
            return "That segment no longer exists; reload the page.";
        }
        if (await db.Segments.AnyAsync(s => s.RunId == segment.RunId && s.Id != segmentId && s.Name == name, ct))
        {
            return $"Another segment is already called \"{name}\".";
        }
        var old = segment.Name;
        segment.Name = name;
        segment.RenamedBy = actor.UserName;
        db.AuditEntries.Add(AuditLog.Entry(actor, "segment.renamed", nameof(Segment), segmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{old} → {name}"));
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static SegmentView View(Segment s) => new(s.Id, s.Number, s.Name, s.GeneratedName, s.Size, s.RevenueShare, s.MedianRecencyDays,
        s.MedianFrequency, s.MedianMonetary, JsonSerializer.Deserialize<SegmentProfile>(s.Profile, SegmentationService.Json)!);
}
