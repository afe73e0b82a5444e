using Microsoft.AspNetCore.Identity;

namespace RetailRecs.Core.Model;

/// <summary>A member of staff who signs in to the app: associate, manager or admin (see <see cref="StaffRoles"/>).</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastSignInAt { get; set; }
}
