using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Imports;

namespace RetailRecs.Web.Tests.Pages.Imports;

/// <summary>The import history (bUnit) over a real SQLite file.</summary>
public class ImportHistoryPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Render_AnImport_DatesItAsTheRestOfTheAppDoes()
    {
        await using (var db = _database.CreateContext())
        {
            db.ImportBatches.Add(new ImportBatch
            {
                Kind = ImportKind.Transactions, FileName = "till-export.csv", Status = ImportStatus.Succeeded, ImportedBy = "admin",
                StartedAt = new DateTime(2026, 12, 1, 9, 5, 0, DateTimeKind.Utc), Message = "Stored 12 lines.",
            });
            await db.SaveChangesAsync();
        }
        SignInAs(StaffRoles.Admin);

        var page = Render<ImportHistoryPage>();

        page.WaitForAssertion(() => Assert.Contains("till-export.csv", page.Find("[data-testid=import-history]").TextContent));
        Assert.Contains("1 Dec 2026 09:05", page.Find("[data-testid=import-history]").TextContent);
    }
}
