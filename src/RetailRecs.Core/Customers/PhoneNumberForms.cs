namespace RetailRecs.Core.Customers;

/// <summary>
/// The ways one whole phone number may be stored, from the way a customer says it: "+44 7700 900135" (or
/// "0044 7700 900135") is stored as "07700 900135", "7700 900135", "+447700900135", "447700900135" or
/// "+44 (0)7700 900135"; "07700 900135" may be
/// stored with the country code. The country code's length is not known (1 to 3 digits), so each is tried: the stored
/// number must still equal one form whole, so a wrong split finds nothing.
/// </summary>
public sealed record PhoneNumberForms(string[] Written, string? NationalSignificant)
{
    /// <summary>Fewer digits than this is a part of a number, searched as such, not a whole number.</summary>
    private const int MinimumNationalDigits = 7;

    /// <returns>The forms, or null when the text is not a whole phone number with a country code or a leading 0.</returns>
    public static PhoneNumberForms? Of(string text)
    {
        var kept = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')' or '.')).ToArray());
        string digits;
        if (kept.StartsWith('+'))
        {
            digits = kept[1..];
        }
        else if (kept.StartsWith("00", StringComparison.Ordinal))
        {
            digits = kept[2..];
        }
        else if (kept.StartsWith('0') && kept.Length > MinimumNationalDigits && kept.All(char.IsAsciiDigit))
        {
            // National form: the number after the trunk 0 ends any stored international form of it.
            return new PhoneNumberForms([kept], kept[1..]);
        }
        else
        {
            return null;
        }
        if (!digits.All(char.IsAsciiDigit) || digits.Length < MinimumNationalDigits + 1)
        {
            return null;
        }
        var forms = new List<string>();
        for (var codeLength = 1; codeLength <= 3; codeLength++)
        {
            // "+44 (0)7700 900135" keeps the trunk 0 in brackets: it is not part of the number.
            var (code, national) = (digits[..codeLength], digits[codeLength..].TrimStart('0'));
            if (national.Length < MinimumNationalDigits)
            {
                break;
            }
            // Also bare: "(555) 123-4567" where no trunk 0 is written, "447700900135" where the + was left out.
            forms.AddRange(["0" + national, national, "+" + code + national, code + national, "00" + code + national, "+" + code + "0" + national]);
        }
        return new PhoneNumberForms([.. forms.Distinct()], null);
    }
}
