using RetailRecs.Core.Recommendations.Algorithms;

namespace RetailRecs.Core.Tests.Recommendations.Algorithms;

/// <summary>
/// The text neighbour search leaves out words shared by more than <see cref="TextFeatures.CommonTermLimit"/> products
/// (walking them cost the square of the catalog), yet a product described by such words alone still has neighbours.
/// </summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class TextFeaturesTests
{
    /// <summary>A word of letters only (the text transforms drop digits): "qa", "qb", … "qba", …</summary>
    private static string Word(int i)
    {
        var letters = "";
        do
        {
            letters = (char)('a' + i % 26) + letters;
            i /= 26;
        }
        while (i > 0);
        return "q" + letters;
    }

    /// <summary>
    /// Pairs of products that share a rare word each, all of them sharing one word, then one with that word alone; then
    /// as many products without it (a word in every product weighs nothing in TF-IDF).
    /// </summary>
    private static List<string> Catalog(int products)
    {
        var texts = Enumerable.Range(0, products).Select(i => $"lantern {Word(i / 2)}").ToList();
        texts.Add("lantern");
        texts.AddRange(Enumerable.Range(0, products).Select(i => $"{Word(100_000 + i)} {Word(200_000 + i)}"));
        return texts;
    }

    [Fact]
    public void NearestNeighbours_WordOfMoreProductsThanTheLimit_LinksNoneOfThem_ButTheRareWordDoes()
    {
        var texts = Catalog(TextFeatures.CommonTermLimit + 10);

        var neighbours = TextFeatures.Build(texts).NearestNeighbours(5);

        // "lantern" is in 1,011 products: left out, so the first product's only neighbour is its pair.
        Assert.Equal([1], neighbours.Items[0]);
        Assert.Equal([0], neighbours.Items[1]);
        // The product called "lantern" alone is compared on that word after all.
        Assert.Equal(5, neighbours.Items[TextFeatures.CommonTermLimit + 10].Length);
    }

    [Fact]
    public void NearestNeighbours_WordOfFewerProductsThanTheLimit_LinksThemAll()
    {
        var texts = Catalog(TextFeatures.CommonTermLimit - 10);

        var neighbours = TextFeatures.Build(texts).NearestNeighbours(5);

        // "lantern" in 991 products: the pair first, then others through the shared word.
        Assert.Equal(5, neighbours.Items[0].Length);
        Assert.Equal(1, neighbours.Items[0][0]);
    }
}
