using System.Net;
using System.Text.RegularExpressions;

namespace RetailRecs.Testing;

/// <summary>
/// Posts one of the forms of a statically rendered page the way a browser does: load the page, keep that form's hidden
/// fields (its handler name and antiforgery token), add the visible fields, post it back to the address it came from.
/// </summary>
public static partial class StaticForms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string address, string formName, IDictionary<string, string>? fields = null)
    {
        var page = await client.GetAsync(address);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {address} answered {(int)page.StatusCode} {page.Headers.Location}.");
        }
        var html = await page.Content.ReadAsStringAsync();
        var form = FormElement().Matches(html).Select(m => m.Value)
            .FirstOrDefault(f => HiddenFields(f).TryGetValue("_handler", out var handler) && handler == formName)
            ?? throw new InvalidOperationException($"No form named {formName} on {address}.");
        var values = HiddenFields(form);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }
        return await client.PostAsync(address, new FormUrlEncodedContent(values));
    }

    /// <summary>The hidden fields of a form (or of a whole page).</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            var name = NameAttribute().Match(input.Value);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
            }
        }
        return fields;
    }

    /// <summary>Signs out through the sign-out button the page shows (every signed-in page has one).</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client, string fromPage)
    {
        var html = await client.GetStringAsync(fromPage);
        var form = FormElement().Matches(html).Select(m => m.Value).First(f => f.Contains("action=\"Account/Logout\"", StringComparison.Ordinal));
        var values = HiddenFields(form);
        return await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("<form[\\s\\S]*?</form>")]
    private static partial Regex FormElement();

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*>""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("\\sname=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
