using System.Net;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Account;

/// <summary>
/// Two app instances on one database, as behind a load balancer: wrong passwords sent to one count on the other, so an
/// attacker gets one allowance, not one per instance.
/// </summary>
public class SignInThrottleAcrossInstancesTests
{
    private sealed class SecondInstance(SignInWebFactory first) : SignInWebFactory
    {
        protected override bool FollowsTestProvider => false; // the first one's database, whichever provider

        protected override IEnumerable<KeyValuePair<string, string>> Settings => [.. base.Settings, .. first.SameDatabaseSettings()];
    }

    [Fact]
    public async Task Post_FailuresSentToOneInstance_ThrottleTheClientOnTheOther()
    {
        using var first = new SignInWebFactory();
        _ = first.Services; // started, staff accounts seeded
        using var second = new SecondInstance(first);
        using var onA = first.ClientFrom("10.20.30.40");
        using var onB = second.ClientFrom("10.20.30.40");
        for (var i = 0; i < SignInWebFactory.FailuresPerClient; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await StaffSignIn.PostAsync(onA, $"nobody{i}@store.example", "wrong-password-here")).StatusCode);
        }

        var throttled = await StaffSignIn.PostAsync(onB, DemoAccounts.Associate.Email, DemoAccounts.Associate.Password);
        using var otherClientOnB = second.ClientFrom("10.20.30.41");
        var other = await StaffSignIn.PostAsync(otherClientOnB, DemoAccounts.Associate.Email, DemoAccounts.Associate.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }
}
