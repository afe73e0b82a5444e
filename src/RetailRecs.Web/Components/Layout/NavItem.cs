using MudBlazor;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Layout;

/// <summary>An entry of the navigation drawer and of the home page's shortcuts.</summary>
public sealed record NavItem(string Title, string Href, string Icon, string? Policy, string Summary)
{
    /// <summary>All areas, in the order the drawer shows them. Each is shown only to roles its policy admits.</summary>
    public static readonly IReadOnlyList<NavItem> All =
    [
        new("Home", "/", Icons.Material.Filled.Home, null, "Start here."),
        new("Customers", "/customers", Icons.Material.Filled.PersonSearch, Policies.Associate, "Find a customer by name, e-mail, phone or loyalty number, and see who they are."),
        new("Products", "/products", Icons.Material.Filled.Inventory2, Policies.Associate, "Find a product by name or SKU, with its price and sales."),
        new("Dashboard", "/dashboard", Icons.Material.Filled.Insights, Policies.Manager, "Sales, customers, baskets, returns and suggestions, for any period and country."),
        new("Segments", "/segments", Icons.Material.Filled.Groups, Policies.Manager, "Who the customers are: segments from their behaviour, RFM scores, and each segment's members."),
        new("Models", "/models", Icons.Material.Filled.ModelTraining, Policies.Manager, "Which model serves suggestions, how each was trained; admins train and promote."),
        new("Background work", "/jobs", Icons.Material.Filled.Pending, Policies.Manager, "What runs in the background (training, segments, evaluations, imports), what waits, and how the latest jobs ended."),
        new("Experiments", "/experiments", Icons.Material.Filled.Science, Policies.Manager, "A/B tests of recommendation strategies: set up, run, read the results, declare a winner."),
        new("Data imports", "/admin/imports", Icons.Material.Filled.UploadFile, Policies.Admin, "Upload transactions, check what was cleaned or rejected, and see every earlier import."),
        new("Audit log", "/admin/audit", Icons.Material.Filled.History, Policies.Admin, "Who opened which customer card and who changed which staff account."),
        new("API keys", "/admin/api-keys", Icons.Material.Filled.Key, Policies.Admin, "Keys for tills and the web shop to send sales and ask for suggestions; the API's description."),
        new("Staff accounts", "/admin/staff", Icons.Material.Filled.ManageAccounts, Policies.Admin, "Create staff accounts, set roles, lock, unlock and reset passwords."),
    ];
}
