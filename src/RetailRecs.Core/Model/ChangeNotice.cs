namespace RetailRecs.Core.Model;

/// <summary>
/// One change other app instances must follow within seconds (a sale that moves a customer's suggestions, a customer
/// whose open card must list again, a new champion, a revoked key, a locked account), written by the instance that made it. Kept for ten minutes; see
/// Common.Changes.ChangeFeed.
/// </summary>
public class ChangeNotice
{
    public long Id { get; set; }
    /// <summary>What changed (Common.Changes.ChangeKinds), which says what <see cref="SubjectId"/> holds.</summary>
    public string Kind { get; set; } = "";
    public int SubjectId { get; set; }
    /// <summary>The instance that wrote it, which has acted on it already.</summary>
    public string Origin { get; set; } = "";
    public DateTime At { get; set; }
}
