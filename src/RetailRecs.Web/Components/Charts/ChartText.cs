using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetailRecs.Web.Components.Charts;

/// <summary>
/// Text on its way to ApexCharts, which writes labels, legends and tooltips as HTML: every string is HTML-encoded here,
/// so a country or product named <c>&lt;img onerror=…&gt;</c> shows as those characters and never becomes an element.
/// The JavaScript bridge turns the five entities back into characters only where ApexCharts draws SVG text
/// (axis labels), which the browser never parses as HTML.
/// </summary>
public static class ChartText
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Encodes the five characters that mean something in HTML (and nothing else, so the bridge can undo it exactly).</summary>
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    public static IReadOnlyList<string> Encode(IEnumerable<string> texts) => texts.Select(Encode).ToList();

    /// <summary>
    /// A data point as ApexCharts will see it, with every string inside it encoded: points may carry text
    /// (a heatmap cell's <c>x</c>, a future chart's label), and the wrapper cannot know which pages will send it.
    /// </summary>
    public static object? EncodePoint(object? point)
    {
        if (point is null || point is decimal || point.GetType().IsPrimitive)
        {
            return point; // a plain figure: nothing to encode, nothing to re-serialise
        }
        if (point is string text)
        {
            return Encode(text);
        }
        var node = JsonSerializer.SerializeToNode(point, Web);
        EncodeStringsInside(node);
        return node;
    }

    private static void EncodeStringsInside(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (IsString(obj[key])) { obj[key] = Encoded(obj[key]!); } else { EncodeStringsInside(obj[key]); }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (IsString(array[i])) { array[i] = Encoded(array[i]!); } else { EncodeStringsInside(array[i]); }
            }
        }
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static JsonValue Encoded(JsonNode text) => JsonValue.Create(Encode(text.GetValue<string>()));
}
