using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Account;

/// <summary>Two-factor sign-in through real HTTP, in an app where admins must use it (Security:TwoFactor:RequiredForAdmins).</summary>
public partial class TwoFactorTests(TwoFactorRequiredWebFactory app) : IClassFixture<TwoFactorRequiredWebFactory>
{
    private const string Password = "two-factor test passphrase 2026";
    private const string Enrolment = "/Account/Manage/EnableAuthenticator";

    private sealed record Staff(string Email, HttpClient Client);

    /// <summary>A new account of <paramref name="role"/>, signed in with its password, so tests never share state.</summary>
    private async Task<Staff> NewSignedInAsync(string role)
    {
        var email = $"tf.{Guid.NewGuid():N}@store.example";
        var created = await app.Services.GetRequiredService<StaffAccountService>().CreateAsync(
            new NewStaffAccount { Email = email, DisplayName = "Two Factor", Role = role, Password = Password }, StaffActor.System);
        Assert.True(created.Succeeded, created.Message);
        var client = app.CreateBrowserlikeClient();
        var signIn = await StaffSignIn.PostAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return new(email, client);
    }

    /// <summary>Enrols the way a person does: read the key off the page, add it to the app, type the app's code back.</summary>
    private static async Task<(AuthenticatorApp Phone, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(Enrolment);
        var phone = new AuthenticatorApp(KeyOnPage().Match(page).Groups[1].Value);
        Assert.Contains("src=\"data:image/png;base64,", page);

        var response = await StaticForms.PostAsync(client, Enrolment, "enable-authenticator", new Dictionary<string, string> { ["Input.Code"] = phone.CodeToType() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Two-factor sign-in is on", html);
        return (phone, RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList());
    }

    private static async Task SignOutAsync(HttpClient client)
    {
        var response = await StaticForms.SignOutAsync(client, "/Account/Manage/TwoFactor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Signs in with the password only; returns where the app sends the browser next.</summary>
    private static async Task<string> PasswordStepAsync(HttpClient client, string email)
    {
        var response = await StaffSignIn.PostAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.PathAndQueryOf();
    }

    /// <summary>The account's sign-in audit entries (action and note), oldest first, sign-outs left out.</summary>
    private async Task<List<(string Action, string? Note)>> SignInsAsync(string email)
    {
        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RetailRecs.Core.Data.RetailDbContext>>().CreateDbContextAsync();
        return db.AuditEntries.Where(a => a.UserName == email && a.Action.StartsWith("signin.") && a.Action != "signin.signed-out").OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Details }).AsEnumerable().Select(a => (a.Action, a.Details)).ToList();
    }

    private static Task<HttpResponseMessage> CodeStepAsync(HttpClient client, string address, string code) =>
        StaticForms.PostAsync(client, address, "login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });

    [Theory]
    [InlineData("/admin/staff")]
    [InlineData("/admin/api-keys")]
    [InlineData("/")]
    [InlineData("/customers")]
    [InlineData("/openapi/v1.json")]
    public async Task Get_AnyStaffPage_AdminNotEnrolled_RedirectsToEnrolment(string path)
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);

        var response = await admin.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Enrolment, response.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task Post_InteractiveConnection_AdminNotEnrolled_IsRefused()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);

        var response = await admin.Client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Enrolment, response.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task Get_AccountPagesAndSignOut_AdminNotEnrolled_StayReachable()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);

        var enrolment = await admin.Client.GetStringAsync(Enrolment);
        Assert.Contains("data-testid=\"two-factor-required\"", enrolment);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/Account/Manage/TwoFactor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/Account/Manage/ChangePassword")).StatusCode);

        await SignOutAsync(admin.Client);

        var after = await admin.Client.GetAsync(Enrolment);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_AdminPage_ManagerNotEnrolledWhereOnlyAdminsMustEnrol_OpensTheirPages()
    {
        var manager = await NewSignedInAsync(StaffRoles.Manager);

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.GetAsync("/customers")).StatusCode);
        var settings = await manager.Client.GetStringAsync("/Account/Manage/TwoFactor");
        Assert.Contains("Set up an authenticator app", settings);
    }

    [Fact]
    public async Task SignIn_AdminAfterEnrolling_NeedsTheAppsCode_RefusesAWrongOne()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);
        var (phone, recoveryCodes) = await EnrolAsync(admin.Client);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/staff")).StatusCode);
        await SignOutAsync(admin.Client);

        var secondStep = await PasswordStepAsync(admin.Client, admin.Email);
        Assert.StartsWith("/Account/LoginWith2fa", secondStep);
        Assert.Contains("/Account/Login", (await admin.Client.GetAsync("/admin/staff")).Headers.Location!.ToString());

        var wrong = await CodeStepAsync(admin.Client, secondStep, phone.WrongCode());
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());

        var right = await CodeStepAsync(admin.Client, secondStep, phone.CodeToType());
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.DoesNotContain("/Account/", right.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/staff")).StatusCode);
        // The code step is audited as the password step is: the wrong code, then the sign-in itself, once each.
        Assert.Equal(["signin.password-accepted", "signin.failed", "signin.succeeded"], (await SignInsAsync(admin.Email)).Skip(1).Select(e => e.Action));
    }

    [Fact]
    public async Task SignIn_CodeThatSignedInAlready_IsRefusedWhileStillValid()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);
        var (phone, _) = await EnrolAsync(admin.Client);
        await SignOutAsync(admin.Client);
        var code = phone.CodeToType();
        var first = await CodeStepAsync(admin.Client, await PasswordStepAsync(admin.Client, admin.Email), code);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        await SignOutAsync(admin.Client);

        // Someone who watched the code typed, and knows the password, tries it within its 30-second step.
        var watcher = app.CreateBrowserlikeClient();
        var replay = await CodeStepAsync(watcher, await PasswordStepAsync(watcher, admin.Email), code);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("signed in once already", await replay.Content.ReadAsStringAsync());
        Assert.Contains("/Account/Login", (await watcher.GetAsync("/admin/staff")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_RecoveryCode_WorksOnceAndNotTwice()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);
        var (_, recoveryCodes) = await EnrolAsync(admin.Client);
        await SignOutAsync(admin.Client);
        const string recoveryPage = "/Account/LoginWithRecoveryCode?ReturnUrl=";
        var code = new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCodes[0] };

        await PasswordStepAsync(admin.Client, admin.Email);
        var first = await StaticForms.PostAsync(admin.Client, recoveryPage, "login-recovery-code", code);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin/staff")).StatusCode);
        await SignOutAsync(admin.Client);

        await PasswordStepAsync(admin.Client, admin.Email);
        var second = await StaticForms.PostAsync(admin.Client, recoveryPage, "login-recovery-code", code);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("not valid, or it has been used already", await second.Content.ReadAsStringAsync());
        Assert.Contains("/Account/Login", (await admin.Client.GetAsync("/admin/staff")).Headers.Location!.ToString());
        var steps = (await SignInsAsync(admin.Email)).Skip(1).ToList();
        Assert.Equal(["signin.password-accepted", "signin.succeeded", "signin.password-accepted", "signin.failed"], steps.Select(e => e.Action));
        Assert.Contains("recovery code used", steps[1].Note);
    }

    [Fact]
    public async Task SignIn_FiveWrongCodes_LocksTheAccountLikeWrongPasswords()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);
        var (phone, _) = await EnrolAsync(admin.Client);
        await SignOutAsync(admin.Client);
        var secondStep = await PasswordStepAsync(admin.Client, admin.Email);

        HttpResponseMessage last = default!;
        for (var i = 0; i < StaffIdentityOptions.MaxFailedAttempts; i++)
        {
            last = await CodeStepAsync(admin.Client, secondStep, phone.WrongCode());
        }

        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.Contains("/Account/Lockout", last.Headers.Location!.ToString());
        Assert.Equal([.. Enumerable.Repeat("signin.failed", StaffIdentityOptions.MaxFailedAttempts - 1), "signin.refused-locked"],
            (await SignInsAsync(admin.Email)).Skip(2).Select(e => e.Action));
    }

    [Fact]
    public async Task Post_TurnOff_AdminWhereRequired_IsNotOffered_ManagerCanTurnItOff()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);
        await EnrolAsync(admin.Client);
        var adminSettings = await admin.Client.GetStringAsync("/Account/Manage/TwoFactor");
        Assert.Contains("data-testid=\"two-factor-cannot-disable\"", adminSettings);
        Assert.DoesNotContain("disable-two-factor", adminSettings);

        var manager = await NewSignedInAsync(StaffRoles.Manager);
        await EnrolAsync(manager.Client);
        var off = await StaticForms.PostAsync(manager.Client, "/Account/Manage/TwoFactor", "disable-two-factor",
            new Dictionary<string, string> { ["DisablePassword"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal("/Account/Manage/TwoFactor", off.Headers.Location!.PathAndQueryOf()); // back to the page, which says so
        await SignOutAsync(manager.Client);
        Assert.DoesNotContain("LoginWith2fa", await PasswordStepAsync(manager.Client, manager.Email));
    }

    /// <summary>The change is confirmed on the page it was made on (the redirect went home, and the message was lost).</summary>
    [Fact]
    public async Task Post_ChangePassword_ReturnsToThePageSayingItChanged()
    {
        var manager = await NewSignedInAsync(StaffRoles.Manager);

        var changed = await StaticForms.PostAsync(manager.Client, "/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = Password, ["Input.NewPassword"] = "Quiet-Orchard-Lantern-47", ["Input.ConfirmPassword"] = "Quiet-Orchard-Lantern-47",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/Account/Manage/ChangePassword", changed.Headers.Location!.PathAndQueryOf());
        Assert.Contains("Your password has been changed.", await manager.Client.GetStringAsync("/Account/Manage/ChangePassword"));
        Assert.Equal(["staff.password-changed"], await OwnChangesAsync(manager.Email));
    }

    [Fact]
    public async Task Post_ResetKey_AdminMustEnrolAgainWithTheNewKey()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);
        var (oldPhone, _) = await EnrolAsync(admin.Client);

        var reset = await StaticForms.PostAsync(admin.Client, "/Account/Manage/TwoFactor", "reset-key", new Dictionary<string, string> { ["ResetKeyPassword"] = Password });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(Enrolment, (await admin.Client.GetAsync("/admin/staff")).Headers.Location!.PathAndQueryOf());
        var (newPhone, _) = await EnrolAsync(admin.Client);
        Assert.NotEqual(oldPhone.Key, newPhone.Key);
        Assert.Equal(["staff.two-factor-enabled", "staff.two-factor-key-reset", "staff.two-factor-enabled"], await OwnChangesAsync(admin.Email));
    }

    /// <summary>
    /// Whoever finds a device signed in could put the second factor on their own phone, or turn it off, with no
    /// password, no code and no audit entry: both now ask for the current password, and a wrong one changes nothing.
    /// </summary>
    [Fact]
    public async Task Post_ResetKeyOrTurnOff_WithoutTheCurrentPassword_ChangesNothing_AndIsAudited()
    {
        var manager = await NewSignedInAsync(StaffRoles.Manager);
        var (phone, _) = await EnrolAsync(manager.Client);

        var reset = await StaticForms.PostAsync(manager.Client, "/Account/Manage/TwoFactor", "reset-key", new Dictionary<string, string> { ["ResetKeyPassword"] = "a guess" });
        var off = await StaticForms.PostAsync(manager.Client, "/Account/Manage/TwoFactor", "disable-two-factor");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (reset.StatusCode, off.StatusCode));
        Assert.Contains("That is not your current password. Nothing was changed.", await reset.Content.ReadAsStringAsync());
        Assert.Contains("That is not your current password. Nothing was changed.", await off.Content.ReadAsStringAsync());
        Assert.Contains("On. Signing in asks for a code", await manager.Client.GetStringAsync("/Account/Manage/TwoFactor"));
        await SignOutAsync(manager.Client);
        var address = await PasswordStepAsync(manager.Client, manager.Email);
        Assert.Contains("LoginWith2fa", address);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(manager.Client, address, phone.CodeToType())).StatusCode); // the same key
        Assert.Equal(["staff.two-factor-enabled", "staff.self-service-refused", "staff.self-service-refused"], await OwnChangesAsync(manager.Email));
    }

    /// <summary>Guesses at the current password on the change form were unlimited and unrecorded: each now counts as a failed sign-in.</summary>
    [Fact]
    public async Task Post_ChangePassword_WrongCurrentPassword_CountsAsAFailedSignIn_AndIsAudited()
    {
        var manager = await NewSignedInAsync(StaffRoles.Manager);
        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RetailRecs.Core.Data.RetailDbContext>>().CreateDbContextAsync();
        var failuresBefore = db.SignInFailures.Count();

        var guesses = new List<HttpResponseMessage>();
        foreach (var guess in new[] { "guess-one-2026", "guess-two-2026" })
        {
            guesses.Add(await StaticForms.PostAsync(manager.Client, "/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
            {
                ["Input.OldPassword"] = guess, ["Input.NewPassword"] = "Quiet-Orchard-Lantern-47", ["Input.ConfirmPassword"] = "Quiet-Orchard-Lantern-47",
            }));
        }

        foreach (var response in guesses)
        {
            Assert.Contains("That is not your current password. Nothing was changed.", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(failuresBefore + 2, db.SignInFailures.Count());
        Assert.Equal(["staff.self-service-refused", "staff.self-service-refused"], await OwnChangesAsync(manager.Email));
        await SignOutAsync(manager.Client);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSignIn.PostAsync(manager.Client, manager.Email, Password)).StatusCode);
    }

    /// <summary>The audit entries of the changes <paramref name="email"/> made to their own account, oldest first.</summary>
    private async Task<List<string>> OwnChangesAsync(string email)
    {
        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RetailRecs.Core.Data.RetailDbContext>>().CreateDbContextAsync();
        return db.AuditEntries.Where(a => a.UserName == email && a.Action.StartsWith("staff.")).OrderBy(a => a.Id).Select(a => a.Action).ToList();
    }

    [Fact]
    public async Task SignIn_AfterAnAdminTurnedItOff_PasswordAloneThenEnrolmentAgain()
    {
        var admin = await NewSignedInAsync(StaffRoles.Admin);
        await EnrolAsync(admin.Client);
        await SignOutAsync(admin.Client);
        var accounts = app.Services.GetRequiredService<StaffAccountService>();
        var id = (await accounts.ListAsync()).Single(a => a.Email == admin.Email).Id;

        Assert.True((await accounts.ResetTwoFactorAsync(id, StaffActor.System)).Succeeded);

        Assert.DoesNotContain("LoginWith2fa", await PasswordStepAsync(admin.Client, admin.Email));
        Assert.Equal(Enrolment, (await admin.Client.GetAsync("/admin/staff")).Headers.Location!.PathAndQueryOf());
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>")]
    private static partial Regex RecoveryCode();
}

internal static class LocationExtensions
{
    /// <summary>The path and query of a redirect, whether the app sent it absolute or relative.</summary>
    public static string PathAndQueryOf(this Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : "/" + location.OriginalString.TrimStart('/');
}
