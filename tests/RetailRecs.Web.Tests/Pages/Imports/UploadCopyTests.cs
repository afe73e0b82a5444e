using System.Text;
using Microsoft.AspNetCore.Components.Forms;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Imports;

namespace RetailRecs.Web.Tests.Pages.Imports;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class UploadCopyTests
{
    /// <summary>An uploaded file as the browser hands it over (what InputFile gives the page).</summary>
    private sealed class Uploaded(string name, string content) : IBrowserFile
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(content);
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UtcNow;
        public long Size => _bytes.Length;
        public string ContentType => "text/csv";
        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => new MemoryStream(_bytes);
    }

    /// <summary>A customers file's copy holds names and e-mails: other users of the machine must not read it.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ReceiveAsync_CustomersFile_IsReadableByTheAppsUserOnly()
    {
        var copy = await UploadCopy.ReceiveAsync(new Uploaded("customers.csv", "CustomerID,Email\n17850,ann@example.com\n"), 1_000_000);
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy.Path));
            Assert.Equal("CustomerID,Email\n17850,ann@example.com\n", await File.ReadAllTextAsync(copy.Path));
        }
        finally
        {
            copy.PageReleases();
        }
        Assert.False(File.Exists(copy.Path));
    }

    [Fact]
    public void DeleteLeftovers_CopiesAStoppedRunLeft_DeletesTheOldOnesOnly()
    {
        using var dir = new TempDirectory();
        var old = dir.File("retailrecs-upload-old.csv");
        var recent = dir.File("retailrecs-upload-recent.csv");
        var other = dir.File("someone-elses.csv");
        foreach (var path in new[] { old, recent, other })
        {
            File.WriteAllText(path, "x");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(path == recent ? 0 : -3));
        }

        Assert.Equal(1, UploadCopy.DeleteLeftovers(TimeSpan.FromDays(1), dir.Path));

        Assert.Equal((false, true, true), (File.Exists(old), File.Exists(recent), File.Exists(other)));
    }
}
