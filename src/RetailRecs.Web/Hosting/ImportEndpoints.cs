using System.Text;
using RetailRecs.Core.Import;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Hosting;

internal static class ImportEndpoints
{
    /// <summary>/admin/imports/{id}/rejections.csv: an import's rejected rows, for admins, formula-safe.</summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/imports/{id:int}/rejections.csv", async (int id, ImportHistory history, HttpContext context, CancellationToken ct) =>
        {
            if (await history.RejectionsAsync(id, ct) is not { } found)
            {
                return Results.NotFound();
            }
            var csv = new StringWriter();
            RejectedRowsCsv.Write(csv, found.Rows.Select(r => (r.RowNumber, r.Reason, r.RawRow)));
            var name = $"import-{id}-rejected-rows.csv";
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", name);
        }).RequireAuthorization(Policies.Admin);
        return endpoints;
    }
}
