using System.Text;
using RetailRecs.Core.Privacy;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Hosting;

internal static class PrivacyEndpoints
{
    /// <summary>
    /// /admin/customers/{id}/export.json: everything stored about a customer, for admins (the customer card's "Export
    /// data" link). Audited by the export itself. The address names the record by id, so access logs hold no customer code.
    /// </summary>
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/customers/{id:int}/export.json", async (int id, HttpContext http, CustomerExportService exports, CancellationToken ct) =>
        {
            var export = await exports.ExportAsync(id, StaffClaims.Actor(http.User), ct);
            if (export is null)
            {
                return Results.NotFound();
            }
            // Personal data: never kept by a browser or proxy cache.
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Encoding.UTF8.GetBytes(export.ToJson()), "application/json; charset=utf-8",
                $"customer-{id}-data-{export.ExportedAt:yyyyMMdd}.json");
        }).RequireAuthorization(Policies.Admin).OnlyFromThisApp();
        return endpoints;
    }
}
