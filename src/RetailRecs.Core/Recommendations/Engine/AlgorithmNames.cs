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
}
