using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Feedback;

/// <summary>
/// Stores what happened to suggestions (shown, accepted, not interested, added to basket) with the model run and the
/// member of staff, for model feedback, dashboards and experiments. "Not interested" hides the product for that
/// customer from then on (the serving layer reads these events).
/// </summary>
public sealed class InteractionRecorder(IDbContextFactory<RetailDbContext> contexts)
{
    public async Task RecordAsync(int customerId, IReadOnlyCollection<int> productIds, InteractionType type, string source, int? modelRunId,
        string? staffUserId, CancellationToken ct = default)
    {
        if (productIds.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        db.InteractionEvents.AddRange(productIds.Select(p => new InteractionEvent
        {
            CustomerId = customerId,
            ProductId = p,
            Type = type,
            Source = source,
            ModelRunId = modelRunId,
            StaffUserId = staffUserId,
            OccurredAt = now,
        }));
        await db.SaveChangesAsync(ct);
    }
}
