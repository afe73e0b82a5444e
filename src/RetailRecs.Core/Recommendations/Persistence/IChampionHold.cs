using RetailRecs.Core.Data;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Something that needs the champion to stay as it is for now: a running experiment whose variant serves "the
/// champion" measures that model, and a new one midway would mix two models' results under one name. Asked inside
/// every promotion (<see cref="ModelRegistry"/>) and by a training before it chooses to promote.
/// </summary>
public interface IChampionHold
{
    /// <summary>Why the champion may not change now, in words an admin can act on; null when it may.</summary>
    Task<string?> ReasonAsync(RetailDbContext db, CancellationToken ct);
}
