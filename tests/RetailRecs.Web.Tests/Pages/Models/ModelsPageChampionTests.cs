using System.Net;
using System.Text.RegularExpressions;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Api;

namespace RetailRecs.Web.Tests.Pages.Models;

[Collection(WebCollection.Name)]
public class ModelsPageChampionTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Models_AfterTheFirstTraining_SaysInOneSentenceWhyTheChampionServes()
    {
        // The app trained every model at start-up (demo data, no model yet) and chose the champion by evidence.
        await ApiClient.WaitForChampionAsync(app);
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/models"));

        var why = Regex.Match(html, "data-testid=\"champion-why\"[^>]*>([^<]+)<").Groups[1].Value;
        // Each track it beats them on, named once. Both on the demo data alone (ChampionByEvidenceTests checks that); here
        // the shared app's start-up training may also read sales other tests of this collection send through the API
        // meanwhile, and a CI run on PostgreSQL (2026-12-05) named the repeat track only.
        // A lift reads as a ratio, a percentage, or (where best sellers scored nothing on a track, as with few test
        // customers) the NDCG gained, which the pattern did not allow: a PostgreSQL CI run (2026-12-06) failed on a
        // sentence beginning "by 4.5× on what customers bought next" whose rest the log cut off; it now prints whole.
        Assert.True(Regex.IsMatch(why.Trim(), @"^Serves because it beats best sellers by [\d.,]+(%|×| NDCG) on (what customers bought next|products new to the customer)( and by [\d.,]+(%|×| NDCG) on products new to the customer)? \(ranking score NDCG@10: how high what customers bought sits in the list, on the sales of .+, held out\)\.$"), why); // the whole sentence when it fails
        // On the demo slice the hybrid may not beat "what they always buy" on repeat purchases beyond chance: the page says so.
        if (html.Contains("data-testid=\"champion-warning\"", StringComparison.Ordinal))
        {
            Assert.Contains("It does not beat the customer's own recent purchases (topped up with what customers like them buy) on what customers bought next", html);
        }
    }
}
