namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>What made a model suggest an item: the kind of evidence and the facts the reason sentence quotes.</summary>
public enum EvidenceKind
{
    /// <summary>Best seller: <see cref="Evidence.Count"/> customers bought it in the window.</summary>
    BestSeller,
    /// <summary>Rising: <see cref="Evidence.Count"/> customers bought it in the last 30 days.</summary>
    Trending,
    /// <summary>Best seller among the customer's segment.</summary>
    PopularInSegment,
    /// <summary>In <see cref="Evidence.Share"/> of the baskets holding <see cref="Evidence.Anchor"/>.</summary>
    BoughtTogether,
    /// <summary>Its description resembles <see cref="Evidence.Anchor"/>, bought on <see cref="Evidence.Day"/>.</summary>
    SimilarItem,
    /// <summary><see cref="Evidence.Count"/> of the customer's nearest neighbours bought it.</summary>
    SimilarCustomers,
    /// <summary>The customer bought it <see cref="Evidence.Count"/> times, last on <see cref="Evidence.Day"/>.</summary>
    BuysRegularly,
    /// <summary>A learned model's score; <see cref="Evidence.Anchor"/> is the history item it relates most to, if any.</summary>
    LearnedTaste,
    /// <summary>New in the catalog (added on <see cref="Evidence.Day"/>).</summary>
    NewArrival,
}

/// <param name="Anchor">The item index the evidence points at (a product the customer bought or has in the basket), or -1.</param>
/// <param name="Share">A proportion between 0 and 1, when the reason quotes one.</param>
/// <param name="Count">A count the reason quotes (customers, purchases).</param>
/// <param name="Day">A day number the reason quotes (<see cref="DateOnly.DayNumber"/>), or 0.</param>
public readonly record struct Evidence(EvidenceKind Kind, int Anchor = -1, float Share = 0, int Count = 0, int Day = 0);
