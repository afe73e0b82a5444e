using System.Text;
using RetailRecs.Core.Import;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Hosting;

internal static class ImportEndpoints
{
    /// <summary>/admin/imports/{id}/rejections.csv: an import's rejected rows, for admins, formula-safe.</summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/imports/{id:int}/rejections.csv", async (int id, ImportHistory history, CancellationToken ct) =>
        {
            if (await history.FindAsync(id, ct) is null)
            {
                return Results.NotFound();
            }
            // Written as it is read from the database: a large download costs the server no memory to speak of.
            return Results.Stream(async body =>
            {
                // The byte-order mark tells spreadsheets the file is UTF-8 (product names with £ and accents).
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
                await RejectedRowsCsv.WriteAsync(writer, () => history.RejectionsAsync(id, ct), ct);
            }, "text/csv; charset=utf-8", $"import-{id}-rejected-rows.csv");
        }).RequireAuthorization(Policies.Admin);
        return endpoints;
    }
}
