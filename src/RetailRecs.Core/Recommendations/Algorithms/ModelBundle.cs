using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Everything one trained model run serves from: the catalog and customer histories it saw, the non-personalised
/// lists, the co-purchase and text neighbourhoods behind "bought together" and "similar items", and the ranker
/// that orders a customer's suggestions (one of those, or a model of its own).
/// </summary>
public sealed class ModelBundle
{
    private readonly Dictionary<int, int> _itemByProductId;
    private readonly Dictionary<int, int> _customerById;
    // Customers erased after the model was trained: unknown to it from then on (see Forget).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> _forgotten = new();

    public ModelBundle(IReadOnlyList<CatalogItem> items, IReadOnlyList<int> customerIds, HistoryEntry[][] histories, int lastDay,
        PopularityModel popularity, PopularityModel trending, ItemKnnModel itemKnn, ContentModel content, IRecommender ranker)
    {
        Items = items;
        CustomerIds = customerIds;
        Histories = histories;
        LastDay = lastDay;
        Learned = LearnedSales.Through(lastDay);
        Popularity = popularity;
        Trending = trending;
        ItemKnn = itemKnn;
        Content = content;
        Ranker = ranker;
        _itemByProductId = items.Select((item, index) => (item.ProductId, index)).ToDictionary(x => x.ProductId, x => x.index);
        _customerById = customerIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
    }

    public IReadOnlyList<CatalogItem> Items { get; }
    public IReadOnlyList<int> CustomerIds { get; }
    public HistoryEntry[][] Histories { get; }
    /// <summary>The last day of the training window.</summary>
    public int LastDay { get; }

    /// <summary>
    /// The sales this model learned, for the live updates to leave out; set when a stored run is loaded (its training's
    /// start), otherwise everything through <see cref="LastDay"/>.
    /// </summary>
    public LearnedSales Learned { get; set; }
    public PopularityModel Popularity { get; }
    public PopularityModel Trending { get; }
    public ItemKnnModel ItemKnn { get; }
    public ContentModel Content { get; }
    public IRecommender Ranker { get; }
    public string Algorithm => Ranker.Algorithm;

    public int? ItemOf(int productId) => _itemByProductId.TryGetValue(productId, out var i) ? i : null;
    public int? CustomerOf(int customerId) =>
        _customerById.TryGetValue(customerId, out var c) && (_forgotten.IsEmpty || !_forgotten.ContainsKey(customerId)) ? c : null;

    /// <summary>
    /// Stops serving anything learned of one customer (they were erased): they become unknown to the model, and their
    /// history is emptied in the array every ranker shares, so they no longer count as anyone's neighbour either.
    /// Replacing one array element is atomic, so requests being served see the history whole or empty.
    /// </summary>
    public bool Forget(int customerId)
    {
        if (!_customerById.TryGetValue(customerId, out var c))
        {
            return false;
        }
        _forgotten[customerId] = 0;
        Histories[c] = [];
        return true;
    }

    public IReadOnlyList<HistoryEntry> HistoryOf(int? customerIndex) => customerIndex is { } c ? Histories[c] : [];

    /// <summary>
    /// True when <paramref name="other"/> is the same snapshot serving another ranker (<see cref="WithRanker"/>): what one
    /// run stores or works out from the snapshot holds for the other too (the artifacts' shared part, a customer's reasons).
    /// </summary>
    public bool SharesSnapshotWith(ModelBundle other) =>
        ReferenceEquals(Items, other.Items) && ReferenceEquals(CustomerIds, other.CustomerIds) && ReferenceEquals(Histories, other.Histories)
        && LastDay == other.LastDay && ReferenceEquals(Popularity, other.Popularity) && ReferenceEquals(Trending, other.Trending)
        && ReferenceEquals(ItemKnn, other.ItemKnn) && ReferenceEquals(Content, other.Content);

    /// <summary>The same bundle serving a different ranker (training shares one snapshot between several runs).</summary>
    public ModelBundle WithRanker(IRecommender ranker) =>
        new(Items, CustomerIds, Histories, LastDay, Popularity, Trending, ItemKnn, Content, ranker) { Learned = Learned };
}
