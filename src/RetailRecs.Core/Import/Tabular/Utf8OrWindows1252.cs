using System.Text;

namespace RetailRecs.Core.Import.Tabular;

/// <summary>
/// UTF-8 where the bytes are UTF-8, Windows-1252 for each byte that is not: the reading of a file that started as UTF-8
/// and then held a byte of an older till ("£" as 0xA3), often two exports pasted together. Before 2026-12-07 such a file
/// was read again entirely as Windows-1252, and its UTF-8 part turned into mojibake ("Łódź" became "Å�Ã³dÅº"), which
/// also changed the keys of the products named there.
/// </summary>
internal static class Utf8OrWindows1252
{
    public static Encoding Create()
    {
        CodePages.EnsureRegistered();
        return Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new ByteFallback(Encoding.GetEncoding(1252)));
    }

    private sealed class ByteFallback(Encoding legacy) : DecoderFallback
    {
        // The UTF-8 decoder hands over at most a few bytes at a time; each becomes one character.
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(legacy);
    }

    private sealed class Buffer(Encoding legacy) : DecoderFallbackBuffer
    {
        private string _chars = "";
        private int _next;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            (_chars, _next) = (legacy.GetString(bytesUnknown), 0);
            return _chars.Length > 0;
        }

        public override char GetNextChar() => _next < _chars.Length ? _chars[_next++] : '\0';

        public override bool MovePrevious()
        {
            if (_next == 0)
            {
                return false;
            }
            _next--;
            return true;
        }

        public override int Remaining => _chars.Length - _next;

        public override void Reset() => (_chars, _next) = ("", 0);
    }
}
