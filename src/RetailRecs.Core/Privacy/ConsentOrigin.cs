using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// Where and by whom a customer's choice was recorded, as a consent record keeps it: staff by account id, an API key by
/// its name, an import by its batch. Never a member of staff's name or e-mail: that is their personal data.
/// </summary>
public sealed record ConsentOrigin(ConsentSource Source, string? RecordedBy, int? ImportBatchId = null)
{
    /// <summary>An associate at the counter, recording what the customer says.</summary>
    public static ConsentOrigin Counter(StaffActor staff) => new(ConsentSource.Counter, staff.UserId);

    /// <summary>An admin, e.g. answering a written request.</summary>
    public static ConsentOrigin Admin(StaffActor staff) => new(ConsentSource.Admin, staff.UserId);

    /// <summary>A store system through the API; <paramref name="key"/>'s user name names the key.</summary>
    public static ConsentOrigin Api(StaffActor key) => new(ConsentSource.Api, key.UserName);

    public static ConsentOrigin Import(int importBatchId) => new(ConsentSource.Import, null, importBatchId);
}
