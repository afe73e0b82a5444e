using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// What the whole file says about each product — how often each description and sale price was seen, its first sale —
/// and each customer's country, kept in a private SQLite file beside the import rather than in memory: a chain has
/// hundreds of thousands of products and customers, and these were most of what an import held (690 MiB for a
/// 54-million-line file read without storing, against 319 MiB at a tenth of it). The cleaner adds its counts a few
/// chunks at a time and each chunk's countries; the usual names and prices are read back once, after the last row, a
/// product at a time. The same whatever database the import writes to, and for a dry run. One thread at a time: the
/// cleaner's while it reads, the writer's after.
/// </summary>
internal sealed class FileTally : IDisposable
{
    /// <summary>Page cache of the tally's file: a fixed amount, whatever the catalog.</summary>
    private const int CacheKibibytes = 16 * 1024;

    private string? _path;

    /// <summary>The tally's file, once a chunk has been added.</summary>
    internal string? FilePath => _path;

    /// <summary>A cap on the file's pages, as a full disk would set one (tests).</summary>
    internal long? MaxPages { get; set; }
    private SqliteConnection? _connection;
    private SqliteCommand? _addProduct, _addDescription, _addPrice, _descriptionsOf, _pricesOf, _addCountry, _countryOf;

    /// <summary>
    /// Counts gathered in memory over several chunks, added in one transaction in the order of their keys (each B-tree
    /// page visited once per flush rather than once per key).
    /// </summary>
    public void Add(ProductCounts counts)
    {
        if (counts.Products.Count == 0)
        {
            return;
        }
        var connection = Open();
        using var tx = connection.BeginTransaction();
        foreach (var (sku, seen) in counts.Products.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Run(_addProduct!, tx, sku, seen.FirstSeenAt.Ticks, seen.IsNonMerchandise);
        }
        foreach (var ((sku, description), count) in counts.Descriptions.OrderBy(d => d.Key.Sku, StringComparer.Ordinal))
        {
            Run(_addDescription!, tx, sku, description, count);
        }
        foreach (var ((sku, price), count) in counts.Prices.OrderBy(p => p.Key.Sku, StringComparer.Ordinal))
        {
            Run(_addPrice!, tx, sku, Key(price), count);
        }
        tx.Commit();
    }

    /// <summary>Countries first given for their customers in the chunk just read (a customer once, never null).</summary>
    public void AddCountries(IReadOnlyCollection<(string Code, string Country)> countries)
    {
        if (countries.Count == 0)
        {
            return;
        }
        var connection = Open();
        using var tx = connection.BeginTransaction();
        foreach (var (code, country) in countries)
        {
            Run(_addCountry!, tx, code, country);
        }
        tx.Commit();
    }

    /// <summary>The country an earlier chunk gave the customer; null when none has yet.</summary>
    public string? CountryOf(string code)
    {
        if (_connection is null)
        {
            return null;
        }
        _countryOf!.Parameters[0].Value = code;
        return _countryOf.ExecuteScalar() as string;
    }

    /// <summary>Whether any line of the product carried a description (so it has a name).</summary>
    public bool IsNamed(string sku) => UsualDescription(sku) is not null;

    /// <summary>
    /// Every product of the file, named after its most frequent description and priced at its most frequent sale price
    /// (ties: the first description in ordinal order, the lowest price), read one at a time.
    /// </summary>
    public IEnumerable<ProductDraft> Products()
    {
        if (_connection is null)
        {
            yield break;
        }
        using var all = _connection.CreateCommand();
        all.CommandText = "SELECT Sku, FirstSeen, NonMerchandise FROM Products";
        using var reader = all.ExecuteReader();
        while (reader.Read())
        {
            var sku = reader.GetString(0);
            var name = UsualDescription(sku);
            yield return new ProductDraft(sku)
            {
                Name = name is { Length: > 256 } ? name[..255] + "…" : name,
                UnitPrice = UsualPrice(sku),
                FirstSeenAt = new DateTime(reader.GetInt64(1)),
                IsNonMerchandise = reader.GetBoolean(2),
            };
        }
    }

    private string? UsualDescription(string sku)
    {
        if (_connection is null)
        {
            return null;
        }
        _descriptionsOf!.Parameters[0].Value = sku;
        using var reader = _descriptionsOf.ExecuteReader();
        string? best = null;
        var bestCount = 0L;
        while (reader.Read())
        {
            var (description, count) = (reader.GetString(0), reader.GetInt64(1));
            // Ties in C#: SQLite's own order (UTF-8 bytes) and .NET's ordinal order differ for a few characters.
            if (count > bestCount || count == bestCount && string.CompareOrdinal(description, best) < 0)
            {
                (best, bestCount) = (description, count);
            }
        }
        return best;
    }

    private decimal? UsualPrice(string sku)
    {
        _pricesOf!.Parameters[0].Value = sku;
        using var reader = _pricesOf.ExecuteReader();
        decimal? best = null;
        var bestCount = 0L;
        while (reader.Read())
        {
            var (price, count) = (decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1));
            if (count > bestCount || count == bestCount && price < best)
            {
                (best, bestCount) = (price, count);
            }
        }
        return best;
    }

    /// <summary>One text per value: 2.5 and 2.50 are the same price.</summary>
    private static string Key(decimal price) => price.ToString("0.############################", CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        if (_connection is not null)
        {
            return _connection;
        }
        _path = Path.Combine(Path.GetTempPath(), $"retailrecs-import-{Guid.NewGuid():N}.tally");
        // Not pooled, so closing it lets the file go; nothing in it outlives the import, so no journal and no syncing.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = $"""
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -{CacheKibibytes};
                CREATE TABLE Products (Sku TEXT PRIMARY KEY, FirstSeen INTEGER NOT NULL, NonMerchandise INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE Descriptions (Sku TEXT, Description TEXT, Count INTEGER NOT NULL, PRIMARY KEY (Sku, Description)) WITHOUT ROWID;
                CREATE TABLE Prices (Sku TEXT, Price TEXT, Count INTEGER NOT NULL, PRIMARY KEY (Sku, Price)) WITHOUT ROWID;
                CREATE TABLE Countries (Code TEXT PRIMARY KEY, Country TEXT NOT NULL) WITHOUT ROWID;
                """;
            setup.ExecuteNonQuery();
            if (MaxPages is { } pages)
            {
                setup.CommandText = $"PRAGMA max_page_count = {pages}";
                setup.ExecuteNonQuery();
            }
        }
        _addProduct = Command("INSERT INTO Products VALUES ($sku, $first, $nonMerchandise) " +
            "ON CONFLICT (Sku) DO UPDATE SET FirstSeen = MIN(FirstSeen, excluded.FirstSeen)", "$sku", "$first", "$nonMerchandise");
        _addDescription = Command("INSERT INTO Descriptions VALUES ($sku, $description, $count) " +
            "ON CONFLICT (Sku, Description) DO UPDATE SET Count = Count + excluded.Count", "$sku", "$description", "$count");
        _addPrice = Command("INSERT INTO Prices VALUES ($sku, $price, $count) " +
            "ON CONFLICT (Sku, Price) DO UPDATE SET Count = Count + excluded.Count", "$sku", "$price", "$count");
        _descriptionsOf = Command("SELECT Description, Count FROM Descriptions WHERE Sku = $sku", "$sku");
        _pricesOf = Command("SELECT Price, Count FROM Prices WHERE Sku = $sku", "$sku");
        _addCountry = Command("INSERT INTO Countries VALUES ($code, $country) ON CONFLICT (Code) DO NOTHING", "$code", "$country");
        _countryOf = Command("SELECT Country FROM Countries WHERE Code = $code", "$code");
        return _connection;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection!.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static void Run(SqliteCommand command, SqliteTransaction tx, params object[] values)
    {
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _addProduct, _addDescription, _addPrice, _descriptionsOf, _pricesOf, _addCountry, _countryOf })
        {
            command?.Dispose();
        }
        _connection?.Dispose();
        _connection = null;
        if (_path is not null)
        {
            try
            {
                File.Delete(_path);
            }
            catch (IOException)
            {
                // A temporary file left behind is the system's to clean; the import's outcome does not depend on it.
            }
            _path = null;
        }
    }
}
