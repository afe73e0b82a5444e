using System.Text;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Hosting;

internal static class ImportEndpoints
{
    public const string DownloadedAction = "import.rejected-rows-downloaded";

    /// <summary>
    /// /admin/imports/{id}/rejections.csv: an import's rejected rows, for admins, formula-safe. The rows of a customer
    /// file hold names, e-mails and phones as the file had them: each download is audited, and no cache keeps it.
    /// </summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/imports/{id:int}/rejections.csv", async (int id, HttpContext http, ImportHistory history, AuditLog audit, CancellationToken ct) =>
        {
            if (await history.FindAsync(id, ct) is null)
            {
                return Results.NotFound();
            }
            await audit.WriteAsync(StaffClaims.Actor(http.User), DownloadedAction, nameof(ImportBatch), id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct: ct);
            http.Response.Headers.CacheControl = "no-store";
            // Written as it is read from the database: a large download costs the server no memory to speak of.
            return Results.Stream(async body =>
            {
                // The byte-order mark tells spreadsheets the file is UTF-8 (product names with £ and accents).
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
                await RejectedRowsCsv.WriteAsync(writer, () => history.RejectionsAsync(id, ct), ct);
            }, "text/csv; charset=utf-8", $"import-{id}-rejected-rows.csv");
        }).RequireAuthorization(Policies.Admin).OnlyFromThisApp();
        return endpoints;
    }
}
