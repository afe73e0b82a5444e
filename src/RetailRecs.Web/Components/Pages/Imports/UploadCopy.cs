using Microsoft.AspNetCore.Components.Forms;

namespace RetailRecs.Web.Components.Pages.Imports;

/// <summary>
/// An uploaded file kept in a temporary file: the import reads it twice (hash, then rows) and may run for a while.
/// Two hold it, the page (until another file is chosen, an import takes it over, or the page closes) and a job that
/// reads it; whichever lets go last deletes it, so leaving the page during an import neither stops it nor leaves
/// the file behind.
/// </summary>
public sealed class UploadCopy
{
    private readonly Lock _gate = new();
    private bool _pageHolds = true;
    private bool _jobHolds;

    private UploadCopy(string path, string fileName) => (Path, FileName) = (path, fileName);

    public string Path { get; }

    /// <summary>The name the file had on the admin's computer (its extension tells the reader the format).</summary>
    public string FileName { get; }

    private const string Prefix = "retailrecs-upload-";

    /// <summary>
    /// Copies the upload to a temporary file only the app's own user can read (a customers file holds names, e-mails
    /// and phones; the temporary directory is shared with every user of the machine); a copy that failed half-way is deleted.
    /// </summary>
    public static async Task<UploadCopy> ReceiveAsync(IBrowserFile file, long maxBytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{Prefix}{Guid.NewGuid():N}{System.IO.Path.GetExtension(file.Name)}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            await using var target = new FileStream(path, options);
            await using var upload = file.OpenReadStream(maxBytes);
            await upload.CopyToAsync(target);
        }
        catch
        {
            Delete(path);
            throw;
        }
        return new UploadCopy(path, file.Name);
    }

    /// <summary>
    /// Deletes copies an app that stopped mid-import left behind (nothing deletes them otherwise). Only those untouched
    /// for <paramref name="olderThan"/>: another instance on the same machine may be importing a newer one. Returns how many.
    /// </summary>
    public static int DeleteLeftovers(TimeSpan olderThan, string? directory = null)
    {
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(directory ?? System.IO.Path.GetTempPath(), Prefix + "*"))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > olderThan)
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            catch (IOException)
            {
                // Still open somewhere, or gone already: the next start tries again.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's file in a shared directory: not ours to delete.
            }
        }
        return deleted;
    }

    /// <summary>A job starts reading the file.</summary>
    public void JobTakes()
    {
        lock (_gate) _jobHolds = true;
    }

    /// <summary>The job has let go of the file (however it ended, or it never started).</summary>
    public void JobReleases()
    {
        lock (_gate)
        {
            _jobHolds = false;
            if (!_pageHolds)
            {
                Delete(Path);
            }
        }
    }

    /// <summary>The page has no more use for the file: deleted now, or by the job reading it when it is done.</summary>
    public void PageReleases()
    {
        lock (_gate)
        {
            _pageHolds = false;
            if (!_jobHolds)
            {
                Delete(Path);
            }
        }
    }

    private static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
