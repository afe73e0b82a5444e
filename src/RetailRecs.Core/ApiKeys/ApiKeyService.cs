using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.ApiKeys;

/// <summary>
/// Creates, lists and revokes API keys (Admins, audited), and checks the key on every API request. Valid keys are
/// cached for a few seconds so a busy till does not cost a database read per event; revoking here drops the cache
/// at once, here and (through the change feed) on the other app instances within seconds; <see cref="CacheFor"/> bounds it
/// should a notice be lost.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<RetailDbContext> contexts, ChangeFeed feed) : IChangeListener
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    /// <summary>Last use is written at most this often per key: it is for Admins' eyes, not an access log.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    public const string Marker = "rr_";

    public sealed record Caller(int KeyId, string Name, IReadOnlySet<string> Scopes);

    // Counts revocations: a check that read the key before one must not cache it afterwards (it may be the revoked key).
    private long _generation;

    private void Forget()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTime Until)> _cache = new();
    private readonly ConcurrentDictionary<int, DateTime> _touched = new();

    /// <summary>A new key; its text is returned only here, never again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> scopes, StaffActor actor, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw new ArgumentException("Give the key the name of the system that uses it (1 to 100 characters).");
        }
        if (scopes.Count == 0 || scopes.Except(ApiScopes.All).Any())
        {
            throw new ArgumentException($"Choose one or more of: {string.Join(", ", ApiScopes.All)}.");
        }
        var secret = Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var key = new ApiKey
        {
            Name = name, Prefix = secret[..10], Hash = HashOf(secret), Scopes = string.Join(' ', scopes.Order()), CreatedBy = actor.UserName,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(actor, "apikey.created", nameof(ApiKey), Id(key), $"{name}: {key.Scopes}"));
        await db.SaveChangesAsync(ct);
        return (key, secret);
    }

    public async Task RevokeAsync(int id, StaffActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new ArgumentException("That key no longer exists.");
        if (key.RevokedAt is not null)
        {
            return;
        }
        key.RevokedAt = DateTime.UtcNow;
        key.RevokedBy = actor.UserName;
        db.AuditEntries.Add(AuditLog.Entry(actor, "apikey.revoked", nameof(ApiKey), Id(key), key.Name));
        await db.SaveChangesAsync(ct);
        Forget();
        await feed.TryPublishAsync(ChangeKinds.ApiKey, id, ct); // the other instances' caches
    }

    /// <summary>A key was revoked on another instance: forget every cached key, so the next request reads the database.</summary>
    public Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
    {
        if (notices.Any(n => n.Kind == ChangeKinds.ApiKey))
        {
            Forget();
        }
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ToListAsync(ct);
    }

    /// <summary>The system a key belongs to, or null for an unknown or revoked key.</summary>
    public async Task<Caller?> CheckAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Marker, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }
        var hash = HashOf(secret);
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > DateTime.UtcNow)
        {
            await TouchAsync(cached.Caller, ct);
            return cached.Caller;
        }
        var generation = Interlocked.Read(ref _generation);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        if (key is null)
        {
            _cache.TryRemove(hash, out _); // revoked by another instance: no longer known here either
            return null; // not cached: made-up keys must not fill memory
        }
        var caller = new Caller(key.Id, key.Name, key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache[hash] = (caller, DateTime.UtcNow + CacheFor);
        }
        await TouchAsync(caller, ct);
        return caller;
    }

    /// <summary>
    /// The id of a key this instance has already found valid (kept until revocation or restart), without a database
    /// read; null for any other text, so made-up keys cannot be told apart from each other (or cost a lookup) here.
    /// </summary>
    public int? KnownKeyId(string secret) =>
        secret.StartsWith(Marker, StringComparison.Ordinal) && secret.Length <= 200 && _cache.TryGetValue(HashOf(secret), out var cached)
            ? cached.Caller.KeyId
            : null;

    private async Task TouchAsync(Caller? caller, CancellationToken ct)
    {
        if (caller is null)
        {
            return;
        }
        var now = DateTime.UtcNow;
        if (_touched.TryGetValue(caller.KeyId, out var last) && now - last < TouchEvery)
        {
            return;
        }
        _touched[caller.KeyId] = now;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.ApiKeys.Where(k => k.Id == caller.KeyId).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), ct);
        }
        catch (Exception e) when (StorageFaults.Classify(e) is not null)
        {
            // A note for Admins' eyes must not fail the call it describes (the database busy or full): tried again later.
            _touched.TryRemove(caller.KeyId, out _);
        }
    }

    public static string HashOf(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Id(ApiKey key) => key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
