using System.Net;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Tests.Security;

[Collection(WebCollection.Name)]
public class RoleAccessTests(RetailRecsWebFactory app)
{
    /// <summary>Which area policies each role passes: roles nest.</summary>
    private static readonly Dictionary<string, string[]> AllowedPolicies = new()
    {
        [StaffRoles.Associate] = [Policies.Associate],
        [StaffRoles.Manager] = [Policies.Associate, Policies.Manager],
        [StaffRoles.Admin] = [Policies.Associate, Policies.Manager, Policies.Admin],
    };

    public static TheoryData<string, string> RoleAndPolicyPage
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var role in StaffRoles.All)
            {
                foreach (var page in RoutedPages.All.Where(p => p.Policy is not null))
                {
                    data.Add(role, page.Route);
                }
            }
            return data;
        }
    }

    [Fact]
    public void RoutedPages_EachArea_HasAtLeastOnePage()
    {
        foreach (var policy in new[] { Policies.Associate, Policies.Manager, Policies.Admin })
        {
            Assert.Contains(RoutedPages.All, p => p.Policy == policy);
        }
    }

    [Theory]
    [MemberData(nameof(RoleAndPolicyPage))]
    public async Task Get_AreaPage_AsRole_OpensOnlyWhenTheRoleIncludesTheArea(string role, string route)
    {
        var page = RoutedPages.All.Single(p => p.Route == route);
        var allowed = AllowedPolicies[role].Contains(page.Policy);
        using var client = await app.SignedInClientAsync(DemoAccounts.For(role));

        var response = await client.GetAsync(route);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
    }

    [Theory]
    [InlineData(StaffRoles.Associate)]
    [InlineData(StaffRoles.Manager)]
    [InlineData(StaffRoles.Admin)]
    public async Task Get_Home_AsAnyRole_Opens(string role)
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.For(role));

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
