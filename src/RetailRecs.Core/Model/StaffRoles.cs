namespace RetailRecs.Core.Model;

/// <summary>The three staff roles. Each role includes what the roles before it may do.</summary>
public static class StaffRoles
{
    public const string Associate = "Associate";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Associate, Manager, Admin];
}
