using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class ImportJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Admin_UploadsAnotherRetailersExport_ChecksTheDryRun_ImportsIt_AndSeesItInTheHistory()
    {
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Admin);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Data imports" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Upload data" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Upload data");

        // A semicolon-separated till export with its own column names, one bad price and a return.
        var csv = "Receipt;SKU;Product Name;Qty;Sold At;Price;Customer ID;Country\n" +
                  $"T{Guid.NewGuid():N}"[..12] + ";MUG-01;Stoneware Mug;2;2011-06-01 10:15;4,50;90001;EIRE\n" +
                  "R2;TEA-02;Loose Tea;1;2011-06-01 10:20;0;90002;EIRE\n" +
                  "R3;MUG-01;Stoneware Mug;-1;2011-06-02 09:00;4,50;90001;EIRE\n";
        await Journeys.ChooseFileAsync(page, "#import-file", input => input.SetInputFilesAsync(new FilePayload
        {
            Name = "till-export.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        }));

        await Expect(page.GetByTestId("detected-format")).ToContainTextAsync("semicolon-separated");
        // "Sold At" is not a header the importer knows: the mapping step says so before any run, and the admin maps it by hand.
        await Expect(page.GetByTestId("mapping-missing")).ToContainTextAsync("No column is chosen for InvoiceDate");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dry run" })).ToBeDisabledAsync();
        await page.GetByLabel("InvoiceDate *").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Sold At" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(page.GetByTestId("import-message")).ToContainTextAsync("Dry run: 2 of 3 rows would be stored, 1 rejected");
        await Expect(page.GetByTestId("cleaning-rules")).ToContainTextAsync("non-positive-price");
        await Expect(page.GetByTestId("cleaning-rules")).ToContainTextAsync("country-normalised");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("import-message")).ToContainTextAsync("Imported: 2 new lines");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "import-report-admin-tablet.png"), FullPage = true });

        await page.GotoAsync("/admin/imports");
        await Expect(page.GetByTestId("import-history")).ToContainTextAsync("till-export.csv");
    }

    [BrowserFact]
    public async Task Admin_UploadsAFileThatIsNotAnExport_IsToldWhatIsWrong()
    {
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Admin);
        await page.GotoAsync("/admin/imports/new");
        await Journeys.WaitUntilInteractiveAsync(page);

        await Journeys.ChooseFileAsync(page, "#import-file", input => input.SetInputFilesAsync(new FilePayload
        {
            Name = "photo.csv", MimeType = "text/csv", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
        }));

        await Expect(page.GetByTestId("import-error")).ToContainTextAsync("not a text file");
    }
}
