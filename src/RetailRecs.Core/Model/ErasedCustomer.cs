namespace RetailRecs.Core.Model;

/// <summary>
/// A customer who asked to be erased, kept only as a one-way key of their customer code (Privacy.ErasedCustomerCodes):
/// a later file or till event with that code must not bring them back. The key is all that is left of them.
/// </summary>
public class ErasedCustomer
{
    /// <summary>Hex SHA-256 of the customer code (see ErasedCustomerCodes.Key).</summary>
    public string CodeKey { get; set; } = "";
    public DateTime ErasedAt { get; set; }
}
