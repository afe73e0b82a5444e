using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Model;
using RetailRecs.Web.Components.Layout;

namespace RetailRecs.Web.Tests.Layout;

[Trait("Database", "None")]
public class MainLayoutTests : StaffComponentTestContext
{
    public MainLayoutTests()
    {
        Services.AddDataProtection();
        Services.AddScoped<ProtectedLocalStorage>();
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page body</h1>"))));

    [Fact]
    public void MainLayout_SignedIn_ShowsProductNameUserRoleAndSignOut()
    {
        SignInAs(StaffRoles.Manager, displayName: "Morgan Manager");

        var layout = RenderLayout();

        Assert.Equal("RetailRecs", layout.Find("[data-testid=product-name]").TextContent.Trim());
        Assert.Contains("Morgan Manager · Manager", layout.Find("[data-testid=signed-in-user]").TextContent);
        var signOut = layout.Find("form[action='Account/Logout']");
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.Contains("Sign out", signOut.TextContent);
        Assert.Contains("Page body", layout.Markup);
    }

    [Fact]
    public void MainLayout_ThemeButton_SwitchesBetweenLightAndDark()
    {
        SignInAs(StaffRoles.Associate);
        var layout = RenderLayout();

        layout.Find("button[aria-label='Switch to the dark theme']").Click();

        Assert.NotNull(layout.Find("button[aria-label='Switch to the light theme']"));
    }
}
