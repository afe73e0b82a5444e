namespace RetailRecs.Core.Model;

/// <summary>
/// A store system's key to the API (a till, the web shop). Only a hash of the secret is stored: the key is shown once,
/// when created. Revoked keys stay listed, with who revoked them and when.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }
    /// <summary>Which system uses it ("POS Manchester", "Web shop").</summary>
    public string Name { get; set; } = "";
    /// <summary>The key's first characters, shown in lists so a key can be recognised without being stored.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 of the whole key, hex. Keys are long random values, so a fast hash is enough (nothing to guess).</summary>
    public string Hash { get; set; } = "";
    /// <summary>Space-separated scopes, see <c>ApiScopes</c>.</summary>
    public string Scopes { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public string CreatedBy { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// A request already carried out under an idempotency key: a retry with the same key and body gets the same answer
/// and changes nothing; the same key with another body is refused.
/// </summary>
public class IdempotencyRecord
{
    public long Id { get; set; }
    public int ApiKeyId { get; set; }
    public string Key { get; set; } = "";
    /// <summary>SHA-256 of the request body, hex.</summary>
    public string RequestHash { get; set; } = "";
    public string Response { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
