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
    /// <summary>A staff account was locked, unlocked, given another role or its sessions ended: 0 (open pages re-check).</summary>
    public const string Staff = "staff";
    /// <summary>An experiment started, stopped or ended: the experiment's id.</summary>
    public const string Experiment = "experiment";
}
