using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>
/// Every page, as the role that uses it, at the desk (1280×900) and the store tablets' sizes (1024×768, 768×1024), in the
/// light and the dark theme: a screenshot of each (<c>&lt;page&gt;-&lt;width&gt;x&lt;height&gt;-&lt;theme&gt;.png</c>), and
/// the checks for what a person would call broken. Failures are collected, so one run lists every page, size and theme
/// that fails.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EveryPageJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 900), (1024, 768), (768, 1024)];

    /// <summary>
    /// A page to visit. Themed: it follows the staff member's light/dark choice (the sign-in and account pages render
    /// statically, and the customer's screen is light by design: they are shot in the light theme only).
    /// Ready: what shows once the page has loaded its content (a table that arrives late can still push the page wider).
    /// </summary>
    private sealed record Screen(string Name, string Path, bool Themed = true, string? Ready = null);

    [BrowserFact]
    public async Task EveryPage_AtDeskAndTabletSizesInBothThemes_FitsTheWidthShowsItsHeadingAndNoError()
    {
        // The card shows suggestions and the segments page segments only once the first training and segmentation are done.
        await browser.WaitForChampionAsync();
        await browser.Services.GetRequiredService<RetailRecs.Core.Common.Jobs.JobRunner>().WhenIdleAsync();
        var watch = Stopwatch.StartNew();
        var customer = await CustomerNoOtherJourneyOpensAsync();
        // A manager of this test's own: opening the authenticator set-up gives the account a key, and the demo accounts stay as they are.
        var manager = await NewManagerAsync();

        var groups = new (DemoAccounts.Account? Account, Screen[] Screens)[]
        {
            (null,
            [
                new("sign-in", "/Account/Login", Themed: false),
                new("locked-out", "/Account/Lockout", Themed: false),
                new("error", "/Error", Themed: false),
            ]),
            (DemoAccounts.Associate,
            [
                new("home", "/"),
                new("customers", "/customers"),
                new("customer-card", $"/customers/{customer}", Ready: "[data-testid=suggestion]"),
                new("show-to-customer", ShowToCustomer, Themed: false, Ready: "[data-testid=customer-item]"),
                new("products", "/products"),
                // Opened by its address, a page of another role answers with the (static) "not part of your role" page.
                new("not-permitted", "/dashboard", Themed: false),
                new("not-found", "/not-found"),
            ]),
            (manager,
            [
                new("dashboard", "/dashboard", Ready: "svg.apexcharts-svg"),
                new("segments", "/segments"),
                new("models", "/models"),
                new("background-work", "/jobs", Ready: "[data-testid=recent-jobs] tbody tr"),
                new("experiments", "/experiments"),
                new("account-two-factor", "/Account/Manage/TwoFactor", Themed: false),
                new("account-authenticator", "/Account/Manage/EnableAuthenticator", Themed: false),
                new("account-password", "/Account/Manage/ChangePassword", Themed: false),
            ]),
            (DemoAccounts.Admin,
            [
                new("imports", "/admin/imports"),
                new("import-upload", "/admin/imports/new"),
                new("staff-accounts", "/admin/staff"),
                new("api-keys", "/admin/api-keys"),
                new("audit-log", "/admin/audit"),
            ]),
        };

        var found = new List<string>();
        var shots = 0;
        foreach (var (account, screens) in groups)
        {
            shots += await VisitAsync(account, screens, found);
        }
        var failures = found;

        // The time is said too, to keep an eye on the cost of the whole walk.
        output.WriteLine($"{shots} screenshots in {watch.Elapsed.TotalSeconds:F0} s; " + string.Join(", ", Timings.Select(t => $"{t.Key} {t.Value.TotalSeconds:F1} s")));
        Assert.True(failures.Count == 0, $"{failures.Count} problem(s) in {shots} screenshots taken in {watch.Elapsed.TotalSeconds:F0} s "
            + $"({BrowserFixture.ScreenshotDirectory}):\n" + string.Join("\n", failures));
    }

    private readonly Dictionary<string, TimeSpan> Timings = [];

    private async Task<T> TimedAsync<T>(string step, Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        try { return await action(); }
        finally { Timings[step] = Timings.GetValueOrDefault(step) + Stopwatch.GetElapsedTime(started); }
    }

    private Task TimedAsync(string step, Func<Task> action) => TimedAsync(step, async () => { await action(); return 0; });

    /// <summary>The customer screen is reached from the card's "Show to customer" link, which carries the visit's id.</summary>
    private const string ShowToCustomer = "(the card's Show to customer link)";

    /// <summary>One browser context for the role, signed in once: every page in the light theme, then every themed page in the dark one.</summary>
    private async Task<int> VisitAsync(DemoAccounts.Account? account, Screen[] screens, List<string> failures)
    {
        var page = await browser.NewPageAsync(Sizes[0].Width, Sizes[0].Height);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        if (account is not null)
        {
            await TimedAsync("sign-in", () => Journeys.SignInAsync(page, account));
        }

        var shots = 0;
        string? showToCustomer = null;
        foreach (var dark in new[] { false, true })
        {
            if (dark)
            {
                if (!screens.Any(s => s.Themed))
                {
                    break;
                }
                // The app's own switch: the choice is stored in the browser and read by every page opened afterwards.
                try
                {
                    await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
                    await page.GotoAsync("/");
                    await Journeys.WaitUntilInteractiveAsync(page);
                    await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" }).ClickAsync();
                    await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" })).ToBeVisibleAsync();
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    failures.Add($"{account?.Role ?? "signed out"}: the dark theme could not be switched on: {e.Message.Split('\n')[0]}");
                    break;
                }
            }
            foreach (var screen in screens.Where(s => !dark || s.Themed))
            {
                var theme = dark ? "dark" : "light";
                errors.Clear();
                await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
                var path = screen.Path == ShowToCustomer ? showToCustomer : screen.Path;
                if (path is null)
                {
                    failures.Add($"{screen.Name} ({theme}): not reached: the customer card did not open, so its link was not found");
                    continue;
                }
                try
                {
                    await TimedAsync("open", () => OpenAsync(page, screen, path, dark));
                    if (screen.Name == "customer-card")
                    {
                        // The link gets its visit id once the visit is recorded, a moment after the suggestions show.
                        var link = page.GetByTestId("show-to-customer");
                        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("visit=[0-9A-F]{32}"));
                        showToCustomer = await link.GetAttributeAsync("href");
                    }
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    failures.Add($"{screen.Name} ({theme}): did not open: {e.Message.Split('\n')[0]}");
                    continue;
                }
                foreach (var (width, height) in Sizes)
                {
                    var label = $"{screen.Name}-{width}x{height}-{theme}";
                    try
                    {
                        await page.SetViewportSizeAsync(width, height);
                        await TimedAsync("settle", () => SettleAsync(page));
                        await TimedAsync("screenshot", () => page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, label + ".png"), FullPage = true }));
                        shots++;
                        failures.AddRange((await TimedAsync("check", () => ProblemsAsync(page, screen, dark, errors))).Select(problem => $"{label}: {problem}"));
                    }
                    catch (Exception e) when (e is PlaywrightException or TimeoutException)
                    {
                        failures.Add($"{label}: not checked: {e.Message.Split('\n')[0]}");
                    }
                    errors.Clear();
                }
            }
        }
        await page.Context.CloseAsync();
        return shots;
    }

    /// <summary>Opens the page and waits until it is ready; a step that does not finish is named in the exception.</summary>
    private static async Task OpenAsync(IPage page, Screen screen, string path, bool dark)
    {
        async Task StepAsync(string step, Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                throw new PlaywrightException($"{step}: {e.Message.Split('\n')[0]}", e);
            }
        }

        await StepAsync("loading", () => page.GotoAsync(path));
        if (screen.Themed || screen.Path == ShowToCustomer)
        {
            await StepAsync("connecting", () => Journeys.WaitUntilInteractiveAsync(page));
        }
        if (screen.Themed)
        {
            // The stored choice is read once the page has connected.
            await StepAsync($"turning {(dark ? "dark" : "light")}", () =>
                Expect(page.GetByRole(AriaRole.Button, new() { Name = dark ? "Switch to the light theme" : "Switch to the dark theme" })).ToBeVisibleAsync());
        }
        if (screen.Ready is not null)
        {
            await StepAsync($"showing {screen.Ready}", () => page.Locator(screen.Ready).First.WaitForAsync());
        }
    }

    /// <summary>
    /// After a change of size: the menu is pinned at the desk and closed on a tablet (the app's breakpoint is 1280 px), and
    /// no transition is still running (the drawer slides; endless ones, such as a progress bar, are left to run). Then a
    /// moment for what follows the window's size by script (charts redraw after a resize, still at the old width until
    /// then): a page still wider than the window after it is reported by the checks.
    /// </summary>
    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            () => {
                const drawer = document.querySelector('.mud-drawer');
                if (drawer && drawer.classList.contains('mud-drawer--open') !== (innerWidth >= 1280)) return false;
                return document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
            }
            """);
        try
        {
            // The default 15 s, not less: a chart's redraw after the resize can be slow on a busy machine.
            await page.WaitForFunctionAsync("() => document.scrollingElement.scrollWidth <= innerWidth + 1");
        }
        catch (TimeoutException)
        {
            // Reported by ProblemsAsync, with the elements that stick out.
        }
    }

    /// <summary>What a person would call broken, as sentences; empty when the page is fine.</summary>
    private static async Task<List<string>> ProblemsAsync(IPage page, Screen screen, bool dark, List<string> errors)
    {
        var problems = (await page.EvaluateAsync<string[]>(LayoutProblemsScript, new { themed = screen.Themed, dark })).ToList();
        if (await page.Locator("#blazor-error-ui").CountAsync() != 1)
        {
            problems.Add("the page has no error bar (#blazor-error-ui): a failure of the connection would show nothing");
        }
        else if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
        {
            problems.Add("the error bar shows (an unhandled error on the page)");
        }
        // The layouts' error boundary (PageProblem) catches what a page throws, so a failing page shows this instead.
        if (await page.Locator("[data-testid=page-problem]").IsVisibleAsync())
        {
            problems.Add($"the page failed: {await page.Locator("[data-testid=page-problem]").InnerTextAsync()}");
        }
        problems.AddRange(errors.Select(e => $"console: {e.Split('\n')[0]}"));
        return problems;
    }

    /// <summary>
    /// Runs in the page: sideways scrolling (and the outermost elements that stick out), the main heading in view and not
    /// covered, and the theme the screenshot is named after.
    /// </summary>
    private const string LayoutProblemsScript = """
        ({ themed, dark }) => {
            const problems = [];
            const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : '')
                + [...el.classList].slice(0, 3).map(c => '.' + c).join('');
            const width = innerWidth;
            const scrollWidth = document.scrollingElement.scrollWidth;
            if (scrollWidth > width + 1) {
                const sticking = [...document.body.querySelectorAll('*')].filter(el => {
                    const r = el.getBoundingClientRect();
                    const parent = el.parentElement.getBoundingClientRect();
                    return r.width > 0 && r.right > width + 1 && parent.right <= width + 1;
                });
                problems.push(`scrolls sideways: ${scrollWidth} px wide in a ${width} px window; sticking out: `
                    + (sticking.slice(0, 3).map(describe).join(', ') || 'nothing found'));
            }
            const heading = document.querySelector('h1');
            if (!heading) {
                problems.push('no main heading (h1)');
            } else {
                const r = heading.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) problems.push('the main heading is not shown');
                else if (r.left < 0 || r.right > width + 1 || r.top < 0 || r.bottom > innerHeight) problems.push(`the main heading is outside the window (${Math.round(r.left)},${Math.round(r.top)})`);
                else {
                    for (const x of [r.left + 8, r.left + r.width / 2]) {
                        const top = document.elementFromPoint(x, r.top + r.height / 2);
                        if (top && !heading.contains(top)) { problems.push(`the main heading is covered by ${describe(top)}`); break; }
                    }
                }
            }
            // A field whose label is cut off (ellipsis) or runs out of the field cannot be read whole.
            for (const label of document.querySelectorAll('.mud-input-control label.mud-input-label')) {
                const box = label.closest('.mud-input-control').querySelector('.mud-input');
                if (!box) continue;
                const field = box.getBoundingClientRect();
                const r = label.getBoundingClientRect();
                if (r.width === 0) continue;
                if (label.scrollWidth > label.clientWidth + 1) problems.push(`the label "${label.textContent.trim()}" is cut off`);
                else if (r.right > field.right + 1) problems.push(`the label "${label.textContent.trim()}" runs out of its field`);
            }
            if (themed) {
                const rgb = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
                const light = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255 > 0.5;
                if (light === dark) problems.push(`the page is ${light ? 'light' : 'dark'} (background rgb(${rgb.join(',')}))`);
            }
            return problems;
        }
        """;

    private async Task<int> CustomerNoOtherJourneyOpensAsync()
    {
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        return await db.Customers.Where(c => !c.PersonalizationOptOut && db.Orders.Count(o => o.CustomerId == c.Id) >= 2)
            .OrderBy(c => c.Id).Skip(30).Select(c => c.Id).FirstAsync();
    }

    private async Task<DemoAccounts.Account> NewManagerAsync()
    {
        var manager = new DemoAccounts.Account($"every.page.{Guid.NewGuid():N}@store.example", "every page journey passphrase 26", StaffRoles.Manager);
        var created = await browser.Services.GetRequiredService<StaffAccountService>().CreateAsync(
            new NewStaffAccount { Email = manager.Email, DisplayName = "Pat Pages", Role = manager.Role, Password = manager.Password }, StaffActor.System);
        Assert.True(created.Succeeded, created.Message);
        return manager;
    }
}
