using System.Text.RegularExpressions;

namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// When "similar to X" is something a person would agree with. The text model's nearest neighbours are close in its
/// word-weight space, which is not the same thing: "Pack of 72 Retrospot Cake Cases" came out "similar to" "Pack of 6
/// Sandcastle Flags Assorted" (shared: "pack of"), a bird house "similar to" a cream bread bin (shared: a colour).
/// A person calls two products similar when they are the same kind of thing (the names end in the same word:
/// "… T-Light Holder", "… Cake Tins") or share at least two words that say what they are ("Jumbo Bag Vintage Doily"
/// and "Jumbo Bag Vintage Christmas"). Words that say nothing of what a product is do not count: colours, sizes,
/// numbers, pack words and little words.
/// </summary>
public static partial class SimilarNames
{
    /// <summary>Meaningful words two names must share, when they are not the same kind of thing.</summary>
    public const int SharedWordsNeeded = 2;

    private static readonly HashSet<string> NotMeaningful = new(StringComparer.Ordinal)
    {
        // little words
        "A", "AN", "AND", "AS", "AT", "BY", "FOR", "FROM", "IN", "OF", "ON", "OR", "THE", "TO", "WITH", "NO", "W",
        // colours and finishes: they split a range's variants, they do not make two products alike
        "RED", "PINK", "BLUE", "GREEN", "WHITE", "BLACK", "IVORY", "CREAM", "YELLOW", "ORANGE", "PURPLE", "GOLD", "SILVER",
        "GREY", "GRAY", "BROWN", "NATURAL", "CLEAR", "COLOUR", "COLOURED", "COLOR", "MULTI", "ASSORTED", "ASSTD",
        // sizes and packs
        "SMALL", "LARGE", "MEDIUM", "MINI", "BIG", "GIANT", "SET", "PACK", "PACKS", "BOX", "PIECE", "PIECES", "PC", "PCS",
        "TIER", "DESIGN", "STYLE", "NEW", "OTHER",
    };

    // Each product's words, worked out once per catalog snapshot (serving and evaluation ask for the same products often).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CatalogItem, Words> Cache = [];

    private sealed record Words(string? Kind, HashSet<string> All);

    /// <summary>True when a person would call <paramref name="a"/> and <paramref name="b"/> similar, by their names (and descriptions).</summary>
    public static bool PersonWouldAgree(CatalogItem a, CatalogItem b)
    {
        var (wa, wb) = (WordsOf(a), WordsOf(b));
        if (wa.Kind is not null && wa.Kind == wb.Kind)
        {
            return true;
        }
        return wb.All.Count(wa.All.Contains) >= SharedWordsNeeded;
    }

    private static Words WordsOf(CatalogItem item) => Cache.GetValue(item, i =>
        new Words(Kind(i.Name), Meaningful(i.Name).Concat(Meaningful(i.Description)).ToHashSet()));

    /// <summary>What the product is: the last meaningful word of its name ("holder" in "White Hanging Heart T-Light Holder").</summary>
    internal static string? Kind(string name) => Meaningful(name).LastOrDefault();

    /// <summary>The words of a text that say what a product is, upper case, plurals made singular ("CANDLES" → "CANDLE").</summary>
    internal static IEnumerable<string> Meaningful(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }
        foreach (Match m in Letters().Matches(text.ToUpperInvariant()))
        {
            var word = m.Value.EndsWith("'S", StringComparison.Ordinal) ? m.Value[..^2] : m.Value;
            if (word.Length < 3 || NotMeaningful.Contains(word))
            {
                continue;
            }
            yield return Singular(word);
        }
    }

    private static string Singular(string word) =>
        word.Length > 3 && word.EndsWith('S') && !word.EndsWith("SS", StringComparison.Ordinal) ? word[..^1] : word;

    // Words of letters only ("CHILDREN'S" too): "50'S", "3D", "60CM" say sizes, not kinds.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}+(?:'\p{L}+)?(?![\p{L}\p{N}])")]
    private static partial Regex Letters();
}
