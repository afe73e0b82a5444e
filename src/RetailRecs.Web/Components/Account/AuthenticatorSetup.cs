using System.Text;
using QRCoder;

namespace RetailRecs.Web.Components.Account;

/// <summary>What an authenticator app needs to be set up for a staff account: the key to type, or the QR code to scan.</summary>
internal static class AuthenticatorSetup
{
    public const string Issuer = "RetailRecs";
    public const int RecoveryCodeCount = 10;

    /// <summary>The shared key in groups of four lower-case characters: easier to read out and type on a phone.</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append(' ');
            }
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth:// address (Key Uri Format) every common authenticator app reads from a QR code.</summary>
    public static string SetupUri(string email, string key) =>
        $"otpauth://totp/{Issuer}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Issuer}&digits=6&period=30";

    /// <summary>The QR code of <paramref name="text"/> as a PNG data address for an img element (no script, no markup).</summary>
    public static string QrCodeDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>Codes are shown and often typed with spaces or a hyphen ("123 456"); Identity wants the digits only.</summary>
    public static string NormaliseCode(string code) =>
        new([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
}
