namespace RetailRecs.Core.Model;

/// <summary>A shop or sales channel (the Online Retail data has one: the web shop).</summary>
public class Store
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Country { get; set; }
    public string? City { get; set; }
}
