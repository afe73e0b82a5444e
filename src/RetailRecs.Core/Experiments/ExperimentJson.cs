using System.Text.Json;
using System.Text.Json.Serialization;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Experiments;

/// <summary>How an experiment's variants and guardrails are stored.</summary>
public static class ExperimentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<ExperimentVariant> VariantsOf(Experiment e) => JsonSerializer.Deserialize<List<ExperimentVariant>>(e.Variants, Options) ?? [];

    public static IReadOnlyList<ExperimentMetric> GuardrailsOf(Experiment e) => JsonSerializer.Deserialize<List<ExperimentMetric>>(e.Guardrails, Options) ?? [];

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
