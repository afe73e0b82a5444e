namespace RetailRecs.Core.Staff;

/// <summary>One row of the staff accounts list.</summary>
public sealed record StaffAccountSummary(
    string Id,
    string Email,
    string DisplayName,
    string Role,
    bool IsLockedOut,
    DateTimeOffset? LockoutEnd,
    int FailedAttempts,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    bool TwoFactorEnabled = false);

/// <summary>What an admin fills in to create an account.</summary>
public sealed class NewStaffAccount
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Model.StaffRoles.Associate;
    public string Password { get; set; } = "";
}

/// <summary>The outcome of a change to an account: success, or the reasons in words an admin can act on.</summary>
public sealed record StaffResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static readonly StaffResult Ok = new(true, []);
    public static StaffResult Fail(params string[] errors) => new(false, errors);
    public string Message => string.Join(" ", Errors);
}
