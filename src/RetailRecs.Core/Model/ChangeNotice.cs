namespace RetailRecs.Core.Model;

/// <summary>
/// One change other app instances must follow within seconds (a sale that moves a customer's suggestions, a customer
/// whose open card must list again), written by the instance that made it. Kept for ten minutes; see
/// Recommendations.Live.LiveFeed.
/// </summary>
public class ChangeNotice
{
    public long Id { get; set; }
    /// <summary>"sale" (<see cref="SubjectId"/> is the order's id) or "customer" (the customer's id).</summary>
    public string Kind { get; set; } = "";
    public int SubjectId { get; set; }
    /// <summary>The instance that wrote it, which has acted on it already.</summary>
    public string Origin { get; set; } = "";
    public DateTime At { get; set; }
}
