namespace RetailRecs.Core.ApiKeys;

/// <summary>What an API key may do. A till needs events and suggestions; a catalog feed needs products.</summary>
public static class ApiScopes
{
    public const string Events = "events:write";
    public const string Products = "products:write";
    public const string Customers = "customers:write";
    public const string Suggestions = "suggestions:read";

    public static readonly string[] All = [Events, Products, Customers, Suggestions];

    public static string Describe(string scope) => scope switch
    {
        Events => "send sales and suggestion events",
        Products => "add and update products",
        Customers => "add and update customers",
        Suggestions => "read suggestions",
        _ => scope,
    };
}
