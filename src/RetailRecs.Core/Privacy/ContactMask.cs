namespace RetailRecs.Core.Privacy;

/// <summary>
/// What an associate sees of a customer's contact details: enough to confirm them with the customer
/// ("the e-mail starting with a, at example.com?"), not enough to copy them down.
/// </summary>
public static class ContactMask
{
    public static string? Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return email;
        }
        var at = email.IndexOf('@');
        return at <= 0 ? "•••" : $"{email[0]}•••{email[at..]}";
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }
        var digits = phone.Where(char.IsDigit).ToArray();
        return digits.Length <= 3 ? "•••" : $"••• ••• {new string(digits[^3..])}";
    }

    public static string? LoyaltyNumber(string? number) =>
        string.IsNullOrEmpty(number) || number.Length <= 4 ? number : $"{new string('•', number.Length - 4)}{number[^4..]}";
}
