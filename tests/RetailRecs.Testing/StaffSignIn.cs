using System.Net;
using System.Text.RegularExpressions;

namespace RetailRecs.Testing;

/// <summary>Signs in over HTTP the way a browser does: load the form, keep its hidden fields, post it back.</summary>
public static partial class StaffSignIn
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var address = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(address);
        var fields = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(form))
        {
            var name = Attribute("name").Match(input.Value);
            var value = Attribute("value").Match(input.Value);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync(address, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*>""")]
    private static partial Regex HiddenInput();

    private static Regex Attribute(string name) => new("\\s" + name + "=\"([^\"]*)\"");
}
