namespace RetailRecs.Web.Components.Pages.Customers;

/// <summary>The customer's answer to a suggestion, as the list marks it ("accepted", "in the basket").</summary>
public sealed record SuggestionMark(int ProductId, string Answer);
