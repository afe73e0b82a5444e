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

    /// <summary>Copies the upload to a temporary file; a copy that failed half-way is deleted.</summary>
    public static async Task<UploadCopy> ReceiveAsync(IBrowserFile file, long maxBytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"retailrecs-upload-{Guid.NewGuid():N}{System.IO.Path.GetExtension(file.Name)}");
        try
        {
            await using var target = File.Create(path);
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
