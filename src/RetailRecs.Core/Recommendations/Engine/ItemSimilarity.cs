namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// How two items' co-purchases turn into a similarity. With c = baskets holding both, n(a), n(b) = baskets holding
/// each, N = all baskets: co-occurrence c; Jaccard c / (n(a) + n(b) − c); cosine c / √(n(a)·n(b)); lift c·N / (n(a)·n(b)).
/// Co-occurrence favours best sellers, lift favours rare pairs (hence a minimum support), cosine sits between.
/// </summary>
public enum ItemSimilarity { CoOccurrence, Jaccard, Cosine, Lift }
