using System.Buffers.Binary;
using System.Text;

namespace RetailRecs.Testing.Circuits;

/// <summary>
/// One render batch as Blazor Server sends it to the browser (the server's RenderBatchWriter, read as blazor.web.js's
/// OutOfProcessRenderBatch reads it): the components' edits, the frames those edits insert, the disposed components and
/// event handlers, and a string table. Five little-endian int32 at the end give each section's offset.
/// </summary>
internal sealed class RenderBatch
{
    private const int EditSize = 16;
    private const int FrameSize = 20;
    private readonly byte[] _data;
    private readonly int _stringTable;

    public RenderBatch(byte[] data)
    {
        _data = data;
        var end = data.Length;
        var updatedComponents = Int(end - 20);
        var referenceFrames = Int(end - 16);
        var disposedComponents = Int(end - 12);
        var disposedHandlers = Int(end - 8);
        _stringTable = Int(end - 4);

        var diffCount = Int(updatedComponents);
        for (var i = 0; i < diffCount; i++)
        {
            var diff = Int(updatedComponents + 4 + 4 * i);
            var edits = new List<Edit>(Int(diff + 4));
            for (var e = 0; e < edits.Capacity; e++)
            {
                var at = diff + 8 + e * EditSize;
                edits.Add(new Edit((EditType)Int(at), Int(at + 4), Int(at + 8), String(Int(at + 12))));
            }
            Diffs.Add(new Diff(Int(diff), edits));
        }

        var frameCount = Int(referenceFrames);
        for (var i = 0; i < frameCount; i++)
        {
            var at = referenceFrames + 4 + i * FrameSize;
            var type = (FrameType)Int(at);
            Frames.Add(type switch
            {
                FrameType.Element => new Frame(type, Int(at + 4), String(Int(at + 8)), null, 0, 0),
                FrameType.Text or FrameType.Markup => new Frame(type, 1, null, String(Int(at + 4)), 0, 0),
                FrameType.Attribute => new Frame(type, 1, String(Int(at + 4)), String(Int(at + 8)), BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at + 12)), 0),
                FrameType.Component => new Frame(type, Int(at + 4), null, null, 0, Int(at + 8)),
                FrameType.Region => new Frame(type, Int(at + 4), null, null, 0, 0),
                _ => new Frame(type, 1, null, null, 0, 0),
            });
        }

        for (int i = 0, count = Int(disposedComponents); i < count; i++)
        {
            DisposedComponents.Add(Int(disposedComponents + 4 + 4 * i));
        }
        for (int i = 0, count = Int(disposedHandlers); i < count; i++)
        {
            DisposedHandlers.Add(BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(disposedHandlers + 4 + 8 * i)));
        }
    }

    public List<Diff> Diffs { get; } = [];
    public List<Frame> Frames { get; } = [];
    public List<int> DisposedComponents { get; } = [];
    public List<ulong> DisposedHandlers { get; } = [];

    private int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(offset));

    private string? String(int index)
    {
        if (index < 0)
        {
            return null;
        }
        var at = Int(_stringTable + 4 * index);
        // The length is a 7-bit encoded integer (BinaryWriter's), then the UTF-8 bytes.
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = _data[at++];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }
        return Encoding.UTF8.GetString(_data, at, length);
    }

    public enum EditType
    {
        PrependFrame = 1, RemoveFrame = 2, SetAttribute = 3, RemoveAttribute = 4, UpdateText = 5, StepIn = 6, StepOut = 7,
        UpdateMarkup = 8, PermutationListEntry = 9, PermutationListEnd = 10,
    }

    public enum FrameType
    {
        None = 0, Element = 1, Text = 2, Attribute = 3, Component = 4, Region = 5, ElementReferenceCapture = 6,
        ComponentReferenceCapture = 7, Markup = 8, ComponentRenderMode = 9, NamedEvent = 10,
    }

    /// <param name="ReferenceFrame">The frame an edit inserts or sets; for a permutation entry, the sibling it moves to.</param>
    public sealed record Edit(EditType Type, int SiblingIndex, int ReferenceFrame, string? RemovedAttributeName);

    public sealed record Diff(int ComponentId, List<Edit> Edits);

    /// <param name="SubtreeLength">Frames in this one's subtree, itself included (1 for leaves).</param>
    /// <param name="Name">An element's or attribute's name.</param>
    /// <param name="Value">A text's or markup's content, or an attribute's string value.</param>
    public sealed record Frame(FrameType Type, int SubtreeLength, string? Name, string? Value, ulong EventHandlerId, int ComponentId);
}
