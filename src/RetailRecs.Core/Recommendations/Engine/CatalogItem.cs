using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>One product as the models see it. Its position in <see cref="TrainingData.Items"/> is its index everywhere in a model.</summary>
public sealed record CatalogItem(
    int ProductId,
    string Sku,
    string Name,
    string? Description,
    string? Category,
    string? Brand,
    float? Price,
    bool Recommendable,
    int AddedDay)
{
    /// <summary>The text content-based models read: name, description, category and brand; a name that is only the code is left out.</summary>
    public string Text => ProductText.Of(Sku, Name, Description, Category, Brand);
}
