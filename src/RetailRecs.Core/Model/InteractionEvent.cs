namespace RetailRecs.Core.Model;

public enum InteractionType { Shown, Accepted, Dismissed, AddedToBasket, Purchased }

/// <summary>Something a customer did with a product or a suggestion: the feedback models and experiments learn from.</summary>
public class InteractionEvent
{
    public long Id { get; set; }
    public int? CustomerId { get; set; }
    public int ProductId { get; set; }
    public InteractionType Type { get; set; }
    /// <summary>Where it happened: "lookup", "basket", "api:pos", ...</summary>
    public string Source { get; set; } = "";
    public int? ModelRunId { get; set; }
    public string? ExperimentVariant { get; set; }
    public string? StaffUserId { get; set; }
    public DateTime OccurredAt { get; set; } = DateTime.UtcNow;
}
