using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// Suggestions from the champion model, with the business rules applied and a reason for each: for a customer
/// (discovery or replenishment), for a basket ("bought together"), for a product ("similar items"), and
/// non-personalised lists. The pages and the API call this; evaluation applies the same <see cref="ServingRules"/>.
/// A customer in a running experiment gets their variant's model, mode and length instead. Asking writes nothing: the
/// caller records a list once it is actually shown (<see cref="Feedback.InteractionRecorder.RecordShownAsync"/>).
/// </summary>
public sealed class RecommendationService(IDbContextFactory<RetailDbContext> contexts, ModelRegistry registry, SegmentPopularity segments,
    LiveUpdates live, IExperimentVariants experiments, Clock.ShopClock clock)
{
    public const int DefaultCount = 10;
    // How many ranked candidates to look at per suggestion wanted: rules and caps discard some.
    private const int CandidatesPerSlot = 6;

    /// <summary>No model serves: none was trained yet, or the champion's stored model could not be read.</summary>
    private SuggestionList Unserved() => registry.ChampionProblem is null ? SuggestionList.NoModel : SuggestionList.ChampionUnreadable;

    public async Task<SuggestionList> ForCustomerAsync(int customerId, SuggestionMode mode = SuggestionMode.Discovery, int count = DefaultCount,
        IReadOnlyCollection<int>? basketProductIds = null, CancellationToken ct = default)
    {
        var served = await registry.GetChampionAsync(ct);
        if (served is null)
        {
            return Unserved();
        }
        // What the serving model already learned of the live sales is let go (the champion's, whatever the experiment serves).
        live.ForgetLearned(served.Bundle.Learned);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var optOut = await db.Customers.Where(c => c.Id == customerId).Select(c => (bool?)c.PersonalizationOptOut).SingleOrDefaultAsync(ct)
            ?? throw new UnknownCustomerException(customerId);
        // Opted-out customers get best sellers whatever the experiment: they are not in it.
        var route = optOut ? null : await experiments.RouteAsync(customerId, ct);
        var champion = served;
        if (route is not null)
        {
            (served, mode, count) = (route.Served, route.Variant.Mode, route.Variant.K);
        }
        var dismissed = await DismissedAsync(db, customerId, ct);

        var bundle = served.Bundle;
        var excluded = new HashSet<int>(dismissed.Select(bundle.ItemOf).OfType<int>());
        var basket = (basketProductIds ?? []).Select(bundle.ItemOf).OfType<int>().ToList();
        excluded.UnionWith(basket);
        if (optOut)
        {
            var list = await FinishAsync(db, bundle, bundle.Popularity.Ranked, [], count, excluded, [], SensitiveProducts.NoOne, null, ct);
            return new SuggestionList(served.RunId, bundle.Popularity.Algorithm, false, list,
                "This customer opted out of personalised suggestions: these are our best sellers.");
        }

        // A product they returned in full left their history at training ("no evidence of liking it"), which made it
        // eligible again: "often bought with" what they kept, offered straight back. Read from the sales, so a return
        // since the training counts too.
        excluded.UnionWith((await ReturnedInFullAsync(db, customerId, ct)).Select(bundle.ItemOf).OfType<int>());
        var customer = bundle.CustomerOf(customerId);
        // Sales since the model was trained (through the API) count at once: from memory, which keeps what the champion
        // has not learned; for an experiment's run older than the champion, from the database, since memory let go of
        // what the champion learned and that run did not (before 2026-12-06 such a run offered what the customer had just
        // bought as new to them).
        var history = bundle.Learned.ReadFromUtc < champion.Bundle.Learned.ReadFromUtc
            ? await WithSalesSinceAsync(db, customerId, bundle, customer, ct)
            : live.WithHistory(customerId, bundle.HistoryOf(customer), bundle.Learned, bundle.ItemOf);
        if (mode == SuggestionMode.Discovery)
        {
            excluded.UnionWith(history.Select(h => h.Item));
        }
        var query = new RecommendationQuery(history, basket, bundle.LastDay, customer ?? -1, mode == SuggestionMode.Discovery);
        var ranked = query.IsEmpty ? [] : bundle.Ranker.Recommend(query, count * CandidatesPerSlot);
        // A short list is filled first with what the customer's segment buys most, then with the overall best sellers.
        var segmentPopular = (await segments.ForCustomerAsync(db, customerId, ct))
            .Select(p => bundle.ItemOf(p.ProductId) is { } item ? new Candidate(item, p.Customers, new Evidence(EvidenceKind.PopularInSegment, Count: p.Customers)) : (Candidate?)null)
            .OfType<Candidate>();
        // Sensitive products only where this customer bought them themselves.
        var bought = history.Select(h => bundle.Items[h.Item].ProductId).ToHashSet();
        var items = await FinishAsync(db, bundle, ranked, segmentPopular.Concat(bundle.Popularity.Ranked), count, excluded, history, bought,
            ReasonRules.ForCustomer(bundle, history, basket, count), ct);
        var personalised = items.Any(i => i.Evidence is not (EvidenceKind.BestSeller or EvidenceKind.Trending));
        var notice = history.Count == 0 && basket.Count == 0
            ? items.Any(i => i.Evidence == EvidenceKind.PopularInSegment)
                ? "No purchases in the model for this customer yet: these are popular with customers like them."
                // "In the model", not "known": a customer who objected, was left out of a training and agreed again
                // has purchases on their card, which the model learns at its next training.
                : "No purchases in the model for this customer yet: these are our best sellers."
            : null;
        return new SuggestionList(served.RunId, bundle.Algorithm, personalised, items, notice)
        {
            Experiment = route is null ? null : new ExperimentArm(route.ExperimentId, route.ExperimentName, route.Variant.Name),
            Route = route,
        };
    }

    /// <summary>
    /// The customer's history in <paramref name="bundle"/> with their sales after its last day folded in, read from the
    /// database (each order a basket, returns left out as in the live updates). Sales of earlier days stored after its
    /// training (a late import) are not: the orders keep no time of storing.
    /// </summary>
    private static async Task<IReadOnlyList<HistoryEntry>> WithSalesSinceAsync(RetailDbContext db, int customerId, ModelBundle bundle, int? customer,
        CancellationToken ct)
    {
        var after = DateOnly.FromDayNumber(bundle.Learned.LastDay);
        var no = false;
        var lines = await db.OrderLines
            .Where(l => l.Order!.CustomerId == customerId && l.Order.IsCancellation == no && l.Order.IsAnonymised == no && l.Quantity > 0 && l.Order.PlacedOn > after)
            .Select(l => new { l.OrderId, l.Order!.PlacedOn, l.ProductId, l.Quantity })
            .ToListAsync(ct);
        var baskets = lines.GroupBy(l => (l.OrderId, l.PlacedOn)).Select(g => (g.Key.PlacedOn.DayNumber,
            (IReadOnlyDictionary<int, float>)g.GroupBy(l => l.ProductId).ToDictionary(p => p.Key, p => (float)p.Sum(l => l.Quantity))));
        return LiveUpdates.Merge(bundle.HistoryOf(customer), baskets, bundle.ItemOf);
    }

    /// <summary>"Frequently bought together" for everything in the basket; text-similar items when nothing was bought with them yet.</summary>
    /// <param name="customerId">
    /// Whose basket it is, if known: products they said they do not want are left out, as from their own suggestions.
    /// Nothing else of theirs is used (the list is the same for everyone), so an opt-out leaves it as it is.
    /// </param>
    public async Task<SuggestionList> BoughtTogetherAsync(IReadOnlyCollection<int> productIds, int count = DefaultCount, int? customerId = null,
        CancellationToken ct = default)
    {
        var served = await registry.GetChampionAsync(ct);
        if (served is null)
        {
            return Unserved();
        }
        var bundle = served.Bundle;
        var basket = productIds.Select(bundle.ItemOf).OfType<int>().ToList();
        var ranked = live.PendingBaskets == 0
            ? bundle.ItemKnn.BoughtTogether(basket, count * CandidatesPerSlot)
            : bundle.ItemKnn.BoughtTogether(basket, count * CandidatesPerSlot, anchor => LiveCoPurchases(bundle, anchor),
                item => live.BasketsWith(bundle.Items[item].ProductId, bundle.Learned));
        var similar = basket.SelectMany(b => bundle.Content.Similar(b, count));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var excluded = new HashSet<int>(basket);
        if (customerId is { } customer)
        {
            excluded.UnionWith((await DismissedAsync(db, customer, ct)).Select(bundle.ItemOf).OfType<int>());
        }
        var items = await FinishAsync(db, bundle, ranked, similar, count, excluded, [], SensitiveProducts.NoOne, ReasonRules.ForBasket(bundle, basket), ct);
        return new SuggestionList(served.RunId, AlgorithmNames.ItemKnn, false, items,
            basket.Count < productIds.Count ? "Some products are newer than the model: they count once it is trained again." : null);
    }

    /// <summary>Products whose description resembles this one's.</summary>
    public async Task<SuggestionList> SimilarAsync(int productId, int count = DefaultCount, CancellationToken ct = default)
    {
        var served = await registry.GetChampionAsync(ct);
        if (served is null)
        {
            return Unserved();
        }
        var bundle = served.Bundle;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (bundle.ItemOf(productId) is not { } item)
        {
            // Newer than the model: neighbours by its words until the next training gives it text features of its own.
            var product = await db.Products.AsNoTracking().Where(p => p.Id == productId)
                .Select(p => new { p.Name, p.Description, Category = p.Category ?? p.AutoCategory, p.Brand }).SingleOrDefaultAsync(ct);
            if (product is null)
            {
                return new SuggestionList(served.RunId, AlgorithmNames.Content, false, [], "There is no such product.");
            }
            var text = string.Join(' ', new[] { product.Name, product.Description, product.Category, product.Brand }.Where(s => !string.IsNullOrWhiteSpace(s)));
            // Only what a person would call similar, as for products in the model: sharing one word ("pink", "set")
            // made a neighbour, and every one was said to be "similar".
            var anchor = new CatalogItem(productId, "", product.Name, product.Description, product.Category, product.Brand, null, true, 0);
            var neighbours = NewProductNeighbours.For(bundle, text, count * CandidatesPerSlot).Where(c => SimilarNames.PersonWouldAgree(bundle.Items[c.Item], anchor));
            var found = await FinishAsync(db, bundle, neighbours, [], count, [], [], SensitiveProducts.NoOne, null, ct);
            return new SuggestionList(served.RunId, AlgorithmNames.Content, false,
                found.Select(s => s with { Reason = $"Similar to {ReasonText.Name(product.Name)}" }).ToList(),
                "A new product: similar items by its description until the next training.");
        }
        var items = await FinishAsync(db, bundle, bundle.Content.Similar(item, count * CandidatesPerSlot), [], count, [item], [], SensitiveProducts.NoOne,
            ReasonRules.ForSimilar(bundle, item), ct);
        return new SuggestionList(served.RunId, AlgorithmNames.Content, false, items);
    }

    /// <summary>Best sellers or trending products, overall or within one category, for anonymous customers and product pages.</summary>
    public async Task<SuggestionList> PopularAsync(bool trending = false, int count = DefaultCount, string? category = null, CancellationToken ct = default)
    {
        var served = await registry.GetChampionAsync(ct);
        if (served is null)
        {
            return Unserved();
        }
        var bundle = served.Bundle;
        var model = trending ? bundle.Trending : bundle.Popularity;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ranked = category is null ? model.Ranked : model.Ranked.Where(c => string.Equals(bundle.Items[c.Item].Category, category, StringComparison.OrdinalIgnoreCase));
        // Within one category the diversity cap would stop the list at three.
        var items = await FinishAsync(db, bundle, ranked, [], count, [], [], SensitiveProducts.NoOne, null, ct, diverse: category is null);
        return new SuggestionList(served.RunId, model.Algorithm, false, items);
    }

    /// <summary>
    /// The newest products of the catalog (overall or in one category), read live from the database so products added
    /// since the model was trained are included; no model needed. A product first met on a sales line counts from
    /// the day it was first sold.
    /// </summary>
    public async Task<SuggestionList> NewArrivalsAsync(int count = DefaultCount, string? category = null, CancellationToken ct = default)
    {
        var served = await registry.GetChampionAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var products = db.Products.AsNoTracking().Where(p => p.IsActive && !p.IsNonMerchandise);
        if (category is not null)
        {
            products = products.Where(p => (p.Category ?? p.AutoCategory) == category);
        }
        var newest = await products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(count * 4)
            .Select(p => new { p.Id, p.Sku, p.Name, p.UnitPrice, Category = p.Category ?? p.AutoCategory, p.CreatedAt })
            .ToListAsync(ct);
        var rules = category is not null ? DiversityRules.None : served is null ? DiversityRules.Default : DiversityRules.For(served.Bundle.Items, count);
        var chosen = rules.Apply(newest, count, p => p.Category, p => p.Name);
        var items = chosen.Select((p, rank) => new Suggestion(p.Id, p.Sku, p.Name, p.UnitPrice, p.Category, count - rank,
            $"New in the catalog since {p.CreatedAt.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}",
            EvidenceKind.NewArrival, false)).ToList();
        return new SuggestionList(served?.RunId, "new", false, items);
    }

    /// <summary>Products the customer said they do not want ("not interested", "not for me"): never suggested to them again.</summary>
    private static Task<List<int>> DismissedAsync(RetailDbContext db, int customerId, CancellationToken ct)
    {
        var dismissed = InteractionType.Dismissed;
        return db.InteractionEvents.Where(e => e.CustomerId == customerId && e.Type == dismissed).Select(e => e.ProductId).Distinct().ToListAsync(ct);
    }

    /// <summary>Products the customer bought and returned every unit of.</summary>
    private static Task<List<int>> ReturnedInFullAsync(RetailDbContext db, int customerId, CancellationToken ct) =>
        db.OrderLines.Where(l => l.Order!.CustomerId == customerId)
            .GroupBy(l => l.ProductId)
            .Where(g => g.Min(l => l.Quantity) < 0 && g.Sum(l => l.Quantity) <= 0)
            .Select(g => g.Key)
            .ToListAsync(ct);

    private (int Baskets, IReadOnlyDictionary<int, int> Together) LiveCoPurchases(ModelBundle bundle, int anchor)
    {
        var (baskets, together) = live.CoPurchases(bundle.Items[anchor].ProductId, bundle.Learned);
        var byItem = new Dictionary<int, int>();
        foreach (var (product, count) in together)
        {
            if (bundle.ItemOf(product) is { } item)
            {
                byItem[item] = count;
            }
        }
        return (baskets, byItem);
    }

    /// <param name="boughtByCustomer">Products the customer the list is for bought: the only sensitive products it may hold (<see cref="SensitiveProducts"/>).</param>
    /// <param name="reasons">Which reasons are said and the order they give (<see cref="ReasonRules"/>); null: the lists' own evidence.</param>
    private async Task<List<Suggestion>> FinishAsync(RetailDbContext db, ModelBundle bundle, IEnumerable<Candidate> ranked,
        IEnumerable<Candidate> fallback, int count, HashSet<int> excluded, IReadOnlyList<HistoryEntry> history, IReadOnlySet<int> boughtByCustomer,
        ReasonRules? reasons, CancellationToken ct, bool diverse = true)
    {
        // The catalog may have changed since training (a product withdrawn, a price changed): read the current
        // state of the candidates the rules would pick, and repeat with more if withdrawals left the list short.
        var items = bundle.Items;
        var live = new Dictionary<int, LiveProduct>();
        var chosen = new List<Candidate>();
        for (var window = count * 3; ; window *= 4)
        {
            var pool = ServingRules.Select(items, ranked, fallback, window, excluded, DiversityRules.None,
                i => !live.TryGetValue(items[i].ProductId, out var p) || p.Recommendable, reasons);
            // Whether the lists had this many to offer: if not, a bigger window finds no more.
            var exhausted = pool.Count < window;
            var unknown = pool.Select(c => items[c.Item].ProductId).Where(id => !live.ContainsKey(id)).ToList();
            // The sensitive mark is read live too: a product marked a minute ago is gone from the next list.
            foreach (var p in await db.Products.AsNoTracking().Where(p => unknown.Contains(p.Id))
                         .Select(p => new { p.Id, Recommendable = p.IsActive && !p.IsNonMerchandise, p.IsSensitive, p.Name, p.UnitPrice, Category = p.Category ?? p.AutoCategory })
                         .ToListAsync(ct))
            {
                live[p.Id] = new LiveProduct(p.Id, p.Recommendable && SensitiveProducts.MayShow(p.IsSensitive, p.Id, boughtByCustomer),
                    p.Name, p.UnitPrice, p.Category);
            }
            pool = pool.Where(c => live.TryGetValue(items[c.Item].ProductId, out var p) && p.Recommendable).ToList();
            chosen = (diverse ? DiversityRules.For(items, count) : DiversityRules.None).Apply(pool, count, c => live[items[c.Item].ProductId].Category, c => live[items[c.Item].ProductId].Name);
            // Before 2026-12-06 this asked whether the pool left after the withdrawals was short, which it was whenever
            // one was withdrawn: the list came back short (five of ten when the top 25 best sellers were withdrawn).
            if (chosen.Count >= count || exhausted || window > 10_000)
            {
                break;
            }
        }
        // The products the reasons quote, by their names now (a product renamed since the training).
        var anchors = chosen.Select(c => c.Evidence.Anchor).Where(a => a >= 0 && a < items.Count).Select(a => items[a].ProductId).Distinct().ToList();
        var currentNames = live.Values.Where(p => anchors.Contains(p.Id)).ToDictionary(p => p.Id, p => p.Name);
        var unread = anchors.Where(id => !currentNames.ContainsKey(id)).ToList();
        if (unread.Count > 0)
        {
            foreach (var p in await db.Products.AsNoTracking().Where(p => unread.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            {
                currentNames[p.Id] = p.Name;
            }
        }
        var bought = history.ToDictionary(h => h.Item);
        // Reasons count "the last 30 days" to the model's last day of data; said so only while that is the shop's today
        // (or yesterday, for a model retrained overnight), else they name the day they count to.
        var today = (await clock.TodayAsync(db, ct)).Today.DayNumber;
        DateOnly? countedTo = today - bundle.LastDay > 1 ? DateOnly.FromDayNumber(bundle.LastDay) : null;
        return chosen.Select(c =>
        {
            var p = live[items[c.Item].ProductId];
            var reason = ReasonText.For(c.Evidence, items, countedTo, currentNames);
            var before = bought.TryGetValue(c.Item, out var h);
            if (before && c.Evidence.Kind != EvidenceKind.BuysRegularly)
            {
                reason += "; " + ReasonText.BoughtBefore(h);
            }
            return new Suggestion(p.Id, items[c.Item].Sku, p.Name, p.UnitPrice, p.Category, c.Score, reason, c.Evidence.Kind, before);
        }).ToList();
    }

    private sealed record LiveProduct(int Id, bool Recommendable, string Name, decimal? UnitPrice, string? Category);
}

/// <summary>Suggestions were asked for a customer id that does not exist.</summary>
public sealed class UnknownCustomerException(int customerId) : Exception($"There is no customer {customerId}.")
{
    public int CustomerId { get; } = customerId;
}
