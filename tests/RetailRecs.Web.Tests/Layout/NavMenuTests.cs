using Bunit;
using RetailRecs.Core.Model;
using RetailRecs.Web.Components.Layout;

namespace RetailRecs.Web.Tests.Layout;

[Trait("Database", "None")]
public class NavMenuTests : StaffComponentTestContext
{
    private string[] LinksFor(string role, bool twoFactor = true)
    {
        SignInAs(role, twoFactor: twoFactor);
        var menu = Render<NavMenu>();
        return menu.FindAll("a").Select(a => a.GetAttribute("href")!).ToArray();
    }

    [Fact]
    public void NavMenu_Associate_ShowsLookupOnly() =>
        Assert.Equal(["/", "/customers", "/products"], LinksFor(StaffRoles.Associate));

    [Fact]
    public void NavMenu_Manager_AddsTheDashboards_ButNotAdministration() =>
        Assert.Equal(["/", "/customers", "/products", "/dashboard", "/segments", "/models", "/jobs", "/experiments"], LinksFor(StaffRoles.Manager));

    [Fact]
    public void NavMenu_Admin_ShowsEveryArea() =>
        Assert.Equal(NavItem.All.Select(i => i.Href), LinksFor(StaffRoles.Admin));

    [Fact]
    public void NavMenu_AdminNotEnrolledInTwoFactor_ShowsNoArea() =>
        // Admins must enrol by default (Security:TwoFactor:RequiredForAdmins); until then no area's policy admits them.
        Assert.Equal(["/"], LinksFor(StaffRoles.Admin, twoFactor: false));

    [Fact]
    public void NavMenu_Links_ShowTheirTitles()
    {
        SignInAs(StaffRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(NavItem.All.Select(i => i.Title), menu.FindAll("a").Select(a => a.TextContent.Trim()));
    }
}
