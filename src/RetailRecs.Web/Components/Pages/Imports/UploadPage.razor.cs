using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;

namespace RetailRecs.Web.Components.Pages.Imports;

/// <summary>
/// The upload page: receive a file, show how it was read and let the admin choose its columns, then run a dry run or
/// the import on the app's background job runner (<see cref="ImportJobs"/>), whose progress and report it shows.
/// </summary>
public partial class UploadPage
{
    private const string NotInFile = "";

    [Inject] private ImportJobs Jobs { get; set; } = default!;
    [Inject] private IOptions<ImportOptions> Upload { get; set; } = default!;
    [Inject] private ILogger<UploadPage> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private ImportKind _kind = ImportKind.Transactions;
    private DateOrder _dates = DateOrder.Detect;
    /// <summary>A CSV's encoding as chosen (<see cref="TextEncodings"/>); empty: as the bytes show.</summary>
    private string _encoding = AsTheFileShows;
    private const string AsTheFileShows = "";
    private string? _fileName;
    private UploadCopy? _upload;
    private string? _error;
    private ImportPreview? _preview;
    private ChosenColumns _mapping = ChosenColumns.Empty();
    private JobStatus _status = JobStatus.Idle;
    private bool _uploading;

    private bool Busy => _uploading || _status.Busy;

    private string RunningText => Jobs.Latest is { FinishedAt: null } run
        ? $"{(run.Request.DryRun ? "Dry run of" : "Importing")} {run.Request.FileName} ({run.Request.ImportedBy})"
        : "Starting";

    // An import started earlier (from this tab or another) shows its progress, or its report once done.
    protected override void OnInitialized()
    {
        _status = Jobs.Current;
        Jobs.Changed += OnJobChanged;
    }

    private void OnJobChanged(JobStatus status)
    {
        _status = status;
        _ = InvokeAsync(StateHasChanged);
    }

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        Reset();
        _fileName = e.File.Name;
        var limit = Upload.Value.MaxMegabytes * 1024L * 1024L;
        if (e.File.Size > limit)
        {
            _error = $"'{e.File.Name}' is {e.File.Size / 1048576.0:N1} MB; the limit is {Upload.Value.MaxMegabytes} MB. Compress it (.csv.gz) or split it into smaller files.";
            return;
        }
        _uploading = true;
        try
        {
            _upload = await UploadCopy.ReceiveAsync(e.File, limit);
            _encoding = AsTheFileShows; // another file: its own bytes say again
            Read();
        }
        catch (ImportException ex)
        {
            _error = ex.Message;
        }
        catch (IOException ex)
        {
            Logger.LogWarning(ex, "Upload failed.");
            _error = "The file could not be received completely. Check the connection and choose it again.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Reading an uploaded file failed.");
            // The reader's own words (a zip or XML library's) help nobody at the counter and may quote the file.
            _error = $"The file could not be read ({ex.GetType().Name}). Save it again as CSV (UTF-8) or .xlsx and choose it again; nothing was stored.";
        }
        finally
        {
            _uploading = false;
        }
    }

    /// <summary>Reads the start of the received file as the chosen kind, with the columns the reader recognised.</summary>
    private void Read()
    {
        _preview = ImportService.Preview(_upload!.Path, _upload.FileName, _kind, textEncoding: NullIfBlank(_encoding));
        _mapping = ChosenColumns.From(_preview);
    }

    private static string? NullIfBlank(string text) => text.Length == 0 ? null : text;

    /// <summary>Letters wrong in the preview ("£ódŸ" for "Łódź"): read the file again in the encoding chosen.</summary>
    private Task EncodingChangedAsync(string encoding)
    {
        _encoding = encoding;
        return KindChangedAsync(_kind);
    }

    /// <summary>Another kind has other fields: read the chosen file again as that kind.</summary>
    private Task KindChangedAsync(ImportKind kind)
    {
        _kind = kind;
        _error = null;
        if (_upload is not null)
        {
            try
            {
                Read();
            }
            catch (ImportException ex)
            {
                _preview = null;
                _error = ex.Message;
            }
        }
        return Task.CompletedTask;
    }

    private async Task RunAsync(bool dryRun)
    {
        if (_upload is not { } upload) return;
        _error = null;
        var user = (await AuthState).User;
        var request = new ImportRequest(_kind, upload.Path, upload.FileName, user.Identity?.Name ?? "unknown", dryRun, _mapping.Overrides(_preview!.Header), _dates, NullIfBlank(_encoding));
        upload.JobTakes();
        // On the app's background job runner, not the circuit: leaving the page or closing the tab does not stop it.
        if (!Jobs.TryStart(request, done: upload.JobReleases))
        {
            upload.JobReleases();
            _error = "Another import is running (see its progress below). Try again when it is done.";
            return;
        }
        if (!dryRun)
        {
            // Handed over to the job, which deletes it when done; choose the file again for another run. A dry run's
            // copy stays for the Import that follows.
            upload.PageReleases();
            _upload = null;
            _preview = null;
        }
        _status = Jobs.Current;
    }

    /// <summary>The user's explicit choice: stop the running import; nothing is stored and the history says so.</summary>
    private void Cancel() => Jobs.Cancel();

    private void Reset()
    {
        LetGoOfTheFile();
        _error = null;
        _preview = null;
        _mapping = ChosenColumns.Empty();
    }

    private void LetGoOfTheFile()
    {
        _upload?.PageReleases();
        _upload = null;
    }

    public void Dispose()
    {
        Jobs.Changed -= OnJobChanged;
        LetGoOfTheFile(); // leaving does not cancel: a file the job still reads is deleted when it is done
    }
}
