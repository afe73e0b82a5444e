namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// Which sales a model learned: those placed by its last day and stored before its training read them. A day alone
/// does not tell: a model trained at 14:00 has today as its last day, and the afternoon's sales, stored after the
/// read, were not in it (nor was a till's late sync of last week). <see cref="ReadFromUtc"/> is when the training began,
/// just before it read the sales; a sale stored in between counts twice until the next training, rather than never.
/// </summary>
public readonly record struct LearnedSales(int LastDay, DateTime ReadFromUtc)
{
    /// <summary>Every sale stored so far up to <paramref name="lastDay"/>: a model whose training time is unknown.</summary>
    public static LearnedSales Through(int lastDay) => new(lastDay, DateTime.MaxValue);

    public bool Includes(int day, DateTime storedAtUtc) => day <= LastDay && storedAtUtc < ReadFromUtc;
}
