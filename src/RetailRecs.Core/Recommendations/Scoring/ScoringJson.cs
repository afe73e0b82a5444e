using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetailRecs.Core.Recommendations.Scoring;

/// <summary>
/// How scores are stored as JSON on evaluation and model runs (web casing, enums by name). One definition, because the
/// evaluation page and the training's champion decision write and read the same records.
/// </summary>
public static class ScoringJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
