namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>The algorithm names stored on model runs and accepted by the CLI.</summary>
public static class AlgorithmNames
{
    public const string Popularity = "popularity";
    public const string Trending = "trending";
    public const string ItemKnn = "item-knn";
    public const string UserKnn = "user-knn";
    public const string Content = "content";
    public const string Factorization = "ffm";
    public const string Hybrid = "hybrid";

    public static IReadOnlyList<string> All { get; } = [Popularity, Trending, ItemKnn, UserKnn, Content, Factorization, Hybrid];

    /// <summary>What "train every model" means: all of them (the list stays apart from <see cref="All"/> so a model can be named before it is built).</summary>
    public static IReadOnlyList<string> Trainable { get; } = [Popularity, Trending, ItemKnn, UserKnn, Content, Factorization, Hybrid];

    public static string Describe(string algorithm) => algorithm switch
    {
        Popularity => "Best sellers",
        Trending => "Trending (time-decayed popularity)",
        ItemKnn => "Item-based collaborative filtering",
        UserKnn => "User-based collaborative filtering",
        Content => "Content-based (product text)",
        Factorization => "Field-aware factorization machine (ML.NET)",
        Hybrid => "Hybrid re-ranked by LightGBM LambdaRank (ML.NET)",
        _ => algorithm,
    };

    /// <summary>A short name in a shop's words, for managers' pages and charts (the technical name stays in a tooltip).</summary>
    public static string Plain(string algorithm) => algorithm switch
    {
        Popularity => "best sellers",
        Trending => "selling now",
        ItemKnn => "bought together",
        UserKnn => "customers like them",
        Content => "similar descriptions",
        Factorization => "learned tastes",
        Hybrid => "combined model",
        _ => algorithm,
    };

    /// <summary>What the algorithm does, in one phrase a manager can check against the shop floor.</summary>
    public static string Explain(string algorithm) => algorithm switch
    {
        Popularity => "the most-bought products of the last weeks",
        Trending => "products whose sales are rising now",
        ItemKnn => "products bought by the same customers as what they bought",
        UserKnn => "what customers with similar purchases bought",
        Content => "products described like the ones they bought",
        Factorization => "a learned model of each customer's tastes",
        Hybrid => "the other models' signals, ranked by a learned scorer",
        _ => algorithm,
    };
}
