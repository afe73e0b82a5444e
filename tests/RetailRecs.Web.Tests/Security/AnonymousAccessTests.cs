using System.Net;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Security;

[Collection(WebCollection.Name)]
public class AnonymousAccessTests(RetailRecsWebFactory app)
{
    /// <summary>The only pages a visitor who has not signed in may see.</summary>
    private static readonly string[] PublicPages = ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Lockout", "/Account/AccessDenied", "/Error"];

    public static TheoryData<string> ProtectedRoutes => RoutedPages.Routes(p => !p.AllowsAnonymous);

    [Fact]
    public void RoutedPages_AllowingAnonymousVisitors_AreOnlyTheSignInPagesAndTheErrorPage()
    {
        Assert.NotEmpty(RoutedPages.All);
        Assert.Equal(PublicPages.Order(), RoutedPages.All.Where(p => p.AllowsAnonymous).Select(p => p.Route).Order());
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Get_EveryOtherPage_Anonymous_RedirectsToSignIn(string route)
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_UnknownAddress_Anonymous_RedirectsToSignIn()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Post_Logout_SignedInWithoutAntiforgeryToken_IsRejected_AndTheSessionStays()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([new("ReturnUrl", "")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/products")).StatusCode);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/app.css")]
    [InlineData("/health")]
    public async Task Get_SignInStaticAssetsAndHealth_Anonymous_AreServed(string path)
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
