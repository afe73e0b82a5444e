namespace RetailRecs.Core.Common.Changes;

/// <summary>What a <see cref="Model.ChangeNotice"/> announces, and what its SubjectId then holds.</summary>
public static class ChangeKinds
{
    /// <summary>A sale was stored: the order's id.</summary>
    public const string Sale = "sale";
    /// <summary>A customer's consent or details changed: the customer's id.</summary>
    public const string Customer = "customer";
    /// <summary>Another model run became the champion: the run's id.</summary>
    public const string Champion = "champion";
    /// <summary>An API key was revoked: the key's id.</summary>
    public const string ApiKey = "api-key";
    /// <summary>A staff account's sessions ended (locked, role changed, signed out): <see cref="StaffSubject"/> of its user id.</summary>
    public const string Staff = "staff";
    /// <summary>An experiment started, stopped or ended: the experiment's id.</summary>
    public const string Experiment = "experiment";

    /// <summary>
    /// A staff user id (text) as a notice's subject: a stable hash, so an open page re-checks only when the notice may be
    /// about its user (a collision costs one needless check, never a missed one).
    /// </summary>
    public static int StaffSubject(string userId) => unchecked((int)StableHash.Of(userId));
}
