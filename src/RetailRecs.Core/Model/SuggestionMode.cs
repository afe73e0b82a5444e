namespace RetailRecs.Core.Model;

/// <summary>Repeat purchases allowed (replenishment) or only products the customer has never bought (discovery).</summary>
public enum SuggestionMode { Discovery, Replenishment }
