using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Privacy.Retention;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages.Admin;

/// <summary>The Audit log page over real HTTP: the retention panel shows the last run to admins.</summary>
[Collection(WebCollection.Name)]
public class AuditLogPageTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_AsAdminAfterADryRunFromTheCommandLine_ShowsThePolicyAndTheRun()
    {
        // As `privacy retention --dry-run` would: the same service, another actor. Changes nothing but the log.
        await app.Services.GetRequiredService<RetentionService>().RunAsync(dryRun: true, new StaffActor(null, "cli:ops"), "command line");
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        var html = Regex.Replace(WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/audit")), @"\s+", " ");

        Assert.Contains("The daily run is off (Privacy:Retention:RunDaily)", html);
        Assert.Contains("Last run:", html);
        Assert.Contains("command line (cli:ops), dry run: nothing changed", html);
        Assert.Contains("Dry run: nothing was changed in", html);
    }

    [Fact]
    public async Task Get_AsAdminWithAnErasureEntry_ShowsItsReferenceWithoutALinkToACard()
    {
        var reference = "ER-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await app.Services.GetRequiredService<AuditLog>().WriteAsync(new StaffActor(null, "cli:ops"), CustomerErasureService.ErasedAction, "Customer", reference);
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/audit"));

        Assert.Contains($"erased customer, reference {reference}", html);
        Assert.DoesNotContain($"/customers/{reference}", html);
    }
}
