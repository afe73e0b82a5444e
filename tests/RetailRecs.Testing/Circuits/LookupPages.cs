using Element = RetailRecs.Testing.Circuits.PageTree.ElementNode;

namespace RetailRecs.Testing.Circuits;

/// <summary>Where the customer search and the customer card put what an associate looks for, read from a circuit's page.</summary>
public static class LookupPages
{
    /// <summary>The search page, interactive: its heading, and the search box enabled with its input handler.</summary>
    public static bool SearchReady(PageTree page) =>
        Heading(page) == "Find a customer" && SearchBox(page) is { } box && box.Handlers.ContainsKey("input") && box["disabled"] is null;

    public static string? Heading(PageTree page) => page.Elements().FirstOrDefault(e => e.Name == "h1")?.Text().Trim();

    public static Element? SearchBox(PageTree page) => page.Elements().FirstOrDefault(e => e.Name == "input" && e["role"] == "combobox");

    /// <summary>The search's option for the customer of this name.</summary>
    public static Element? Match(PageTree page, string name) =>
        page.Elements().FirstOrDefault(e => e["data-testid"] == "search-option" && e.Text().Contains(name, StringComparison.Ordinal));

    /// <summary>The card of the customer of this name, with its suggestions.</summary>
    public static bool CardWithSuggestions(PageTree page, string name) =>
        Heading(page)?.Contains(name, StringComparison.Ordinal) == true && Suggestions(page).Any();

    public static IEnumerable<Element> Suggestions(PageTree page) => page.Elements().Where(e => e["data-testid"] == "suggestion");

    public static Element? TestId(Element within, string testId) => within.Elements().FirstOrDefault(e => e["data-testid"] == testId);
}
