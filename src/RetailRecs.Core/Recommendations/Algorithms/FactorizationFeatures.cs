using System.Numerics;
using Microsoft.ML;
using Microsoft.ML.Data;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>One (customer, product, month) example as ML.NET's field-aware factorization machine reads it: one sparse vector per field.</summary>
internal sealed class FactorizationRow
{
    public bool Label { get; set; }
    public VBuffer<float> Customer { get; set; }
    public VBuffer<float> Product { get; set; }
    public VBuffer<float> Context { get; set; }
}

internal sealed class FactorizationScore
{
    /// <summary>The raw response, before the sigmoid.</summary>
    public float Score { get; set; }
}

/// <summary>
/// The three fields of the factorization machine and where every feature sits in ML.NET's feature space (the fields'
/// vectors laid end to end). Customer: who buys. Product: the item and its category, so a rarely sold item borrows
/// from its category. Context: the month of the purchase (the shop is strongly seasonal) and where the item sits in
/// the shop, its price band and how widely it sells, so a customer's leaning towards cheap or niche items is learned
/// once rather than item by item. Every example sets exactly <see cref="FeaturesPerExample"/> features to 1.
/// </summary>
internal sealed class FactorizationLayout
{
    public const int CustomerField = 0;
    public const int ProductField = 1;
    public const int ContextField = 2;
    public const int FieldCount = 3;
    public const int FeaturesPerExample = 6;
    public const int Months = 12;
    /// <summary>Unknown price, then below 0.5, 0.5–1, 1–2, 2–4, 4–8, 8 and above.</summary>
    public const int PriceBands = 7;
    /// <summary>No customer bought it, then 1, 2–3, 4–7, … 512 and more buyers.</summary>
    public const int PopularityBuckets = 11;

    private readonly int[] _category;
    private readonly byte[] _priceBand;
    private readonly byte[] _popularity;

    private FactorizationLayout(int customers, int categories, int[] category, byte[] priceBand, byte[] popularity)
    {
        Customers = customers;
        Categories = categories;
        _category = category;
        _priceBand = priceBand;
        _popularity = popularity;
    }

    public int Customers { get; }
    public int Items => _category.Length;
    /// <summary>Distinct categories plus slot 0 for "none".</summary>
    public int Categories { get; }
    public int ProductSize => Items + Categories;
    public int ContextSize => Months + PriceBands + PopularityBuckets;
    public int FeatureCount => Customers + ProductSize + ContextSize;

    /// <param name="buyers">Customers who kept each item.</param>
    public static FactorizationLayout Build(TrainingData data, int[] buyers)
    {
        var names = data.Items.Select(i => i.Category).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select((name, k) => (name, k)).ToDictionary(x => x.name, x => x.k + 1, StringComparer.Ordinal);
        var category = data.Items.Select(i => i.Category is { } c ? names[c] : 0).ToArray();
        var price = data.Items.Select(i => PriceBand(i.Price)).ToArray();
        var popularity = buyers.Select(n => (byte)(n == 0 ? 0 : Math.Min(PopularityBuckets - 1, BitOperations.Log2((uint)n) + 1))).ToArray();
        return new FactorizationLayout(data.CustomerCount, names.Count + 1, category, price, popularity);
    }

    private static byte PriceBand(float? price) =>
        price is not { } p || p <= 0 ? (byte)0 : (byte)(1 + Math.Clamp((int)Math.Floor(Math.Log2(p)) + 2, 0, PriceBands - 2));

    public static int MonthOf(int day) => DateOnly.FromDayNumber(day).Month - 1;

    // Positions in ML.NET's concatenated feature space.
    public int CustomerFeature(int customer) => customer;
    public int MonthFeature(int month) => Customers + ProductSize + month;

    /// <summary>The item's four features with their fields: item, category, price band, popularity bucket.</summary>
    public (int Field, int Feature)[] ItemFeatures(int item) =>
    [
        (ProductField, Customers + item),
        (ProductField, Customers + Items + _category[item]),
        (ContextField, Customers + ProductSize + Months + _priceBand[item]),
        (ContextField, Customers + ProductSize + Months + PriceBands + _popularity[item]),
    ];

    public FactorizationRow Row(int customer, int item, int month, bool label) => new()
    {
        Label = label,
        Customer = OneHot(Customers, customer),
        Product = OneHot(ProductSize, item, Items + _category[item]),
        Context = OneHot(ContextSize, month, Months + _priceBand[item], Months + PriceBands + _popularity[item]),
    };

    private static VBuffer<float> OneHot(int length, params int[] indices) =>
        new(length, indices.Length, [.. indices.Select(_ => 1f)], indices);

    /// <summary>The vector sizes depend on the data, so the schema is given at run time rather than by attributes.</summary>
    public SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(FactorizationRow));
        schema[nameof(FactorizationRow.Customer)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Customers);
        schema[nameof(FactorizationRow.Product)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, ProductSize);
        schema[nameof(FactorizationRow.Context)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, ContextSize);
        return schema;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Customers);
        w.Write(Categories);
        w.Write(Items);
        for (var i = 0; i < Items; i++)
        {
            w.Write(_category[i]);
            w.Write(_priceBand[i]);
            w.Write(_popularity[i]);
        }
    }

    public static FactorizationLayout Read(BinaryReader r)
    {
        var customers = r.ReadInt32();
        var categories = r.ReadInt32();
        var items = r.ReadInt32();
        var category = new int[items];
        var price = new byte[items];
        var popularity = new byte[items];
        for (var i = 0; i < items; i++)
        {
            category[i] = r.ReadInt32();
            price[i] = r.ReadByte();
            popularity[i] = r.ReadByte();
        }
        return new FactorizationLayout(customers, categories, category, price, popularity);
    }
}
