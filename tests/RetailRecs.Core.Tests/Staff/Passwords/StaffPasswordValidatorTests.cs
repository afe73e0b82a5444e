using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Core.Staff.Passwords;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Staff.Passwords;

/// <summary>The NIST SP 800-63B policy, through the real UserManager that account creation uses.</summary>
public class StaffPasswordValidatorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private StaffAccountService Accounts => _database.Get<StaffAccountService>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var scope = _database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffSeeder>().SeedAsync(new SeedOptions(), requireAdmin: false);  // the roles
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<StaffResult> CreateAsync(string password, string email = "jordan.lee@store.example") =>
        Accounts.CreateAsync(new NewStaffAccount { Email = email, DisplayName = "Jordan", Role = StaffRoles.Associate, Password = password }, StaffActor.System);

    [Theory]
    [InlineData("password12")]      // the review's example: too short
    [InlineData("password1234")]    // on the breached list
    [InlineData("PASSWORD1234")]    // the list ignores case
    [InlineData("Football2026!")]   // a listed word with digits and symbols around it
    [InlineData("1qaz2wsx3edc")]    // keyboard walk, on the list
    public async Task CreateAsync_CommonOrShortPassword_IsRefused(string password)
    {
        var result = await CreateAsync(password);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("jordan.lee-summer-26")]
    [InlineData("my RetailRecs login")]
    public async Task CreateAsync_PasswordContainingTheEmailNameOrAppName_IsRefusedWithTheReason(string password)
    {
        var result = await CreateAsync(password);

        Assert.False(result.Succeeded);
        Assert.Contains("email name or the app's name", result.Message);
    }

    [Theory]
    [InlineData("correct horse battery")]   // spaces are fine
    [InlineData("shopfloorbluebird")]       // no digit, no capital: no composition rules
    [InlineData("ÉtéàParis2026")]           // any characters
    public async Task CreateAsync_LongUncommonPassword_WithoutCompositionRules_IsAccepted(string password)
    {
        var result = await CreateAsync(password);

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void CommonPasswords_TheVendoredList_IsLoaded()
    {
        Assert.True(CommonPasswords.Count > 40_000, $"only {CommonPasswords.Count} passwords");
        Assert.True(StaffPasswordValidator.IsCommon("iloveyou"));
    }
}
