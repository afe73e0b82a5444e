using System.IO.Compression;
using System.Text;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import;

/// <summary>A migrated SQLite database and a folder for the files a test writes, with one-line import calls.</summary>
public sealed class ImportFixture : IAsyncDisposable
{
    private readonly TempDirectory _files = new();
    public TestDatabase Database { get; private init; } = null!;
    public ImportService Importer => Database.Get<ImportService>();

    public static async Task<ImportFixture> CreateAsync() => new() { Database = await TestDatabase.CreateAsync() };

    public string WriteFile(string name, string content, Encoding? encoding = null)
    {
        var path = _files.File(name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = _files.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string WriteGzip(string name, string content)
    {
        var path = _files.File(name);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    public Task<ImportResult> ImportAsync(string path, bool dryRun = false, IReadOnlyDictionary<string, string>? map = null,
        CancellationToken ct = default, IProgress<ImportProgress>? progress = null, ImportKind kind = ImportKind.Transactions) =>
        Importer.ImportAsync(new ImportRequest(kind, path, Path.GetFileName(path), "test", dryRun, map), progress, ct);

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        _files.Dispose();
    }
}
