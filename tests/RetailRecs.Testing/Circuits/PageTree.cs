using System.Text;
using static RetailRecs.Testing.Circuits.RenderBatch;

namespace RetailRecs.Testing.Circuits;

/// <summary>
/// The page as the browser would hold it, kept from the render batches by applying their edits the way blazor.web.js's
/// BrowserRenderer does (logical children: a child component, a markup block, an element or a text is one child; a region's
/// frames are its parent's children). Enough of a DOM to find an element by its attributes, read its text and dispatch an
/// event to the handler it carries now — not the one it carried when first seen.
/// </summary>
public sealed class PageTree
{
    private readonly Dictionary<int, ComponentNode> _components = [];
    private readonly List<ComponentNode> _roots = [];

    /// <summary>A root component the server attached (one per interactive root: the head outlet and the routes).</summary>
    internal void AttachRoot(int componentId)
    {
        _roots.Add(Component(componentId));
    }

    internal void Apply(RenderBatch batch)
    {
        foreach (var diff in batch.Diffs)
        {
            ApplyEdits(Component(diff.ComponentId), diff.Edits, batch.Frames);
        }
        foreach (var id in batch.DisposedComponents)
        {
            _components.Remove(id);
        }
    }

    /// <summary>Every element under the attached roots, in document order.</summary>
    public IEnumerable<ElementNode> Elements() => _roots.SelectMany(r => Descendants(r)).OfType<ElementNode>();

    private static IEnumerable<Node> Descendants(ContainerNode container)
    {
        foreach (var child in container.Children)
        {
            yield return child;
            if (child is ContainerNode inner)
            {
                foreach (var node in Descendants(inner))
                {
                    yield return node;
                }
            }
        }
    }

    private ComponentNode Component(int id)
    {
        if (!_components.TryGetValue(id, out var node))
        {
            _components[id] = node = new ComponentNode(id);
        }
        return node;
    }

    private void ApplyEdits(ComponentNode component, List<Edit> edits, List<Frame> frames)
    {
        ContainerNode parent = component;
        var depth = 0;
        var permutation = new List<(int From, int To)>();
        foreach (var edit in edits)
        {
            var at = edit.SiblingIndex;
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(parent, at, frames, edit.ReferenceFrame);
                    break;
                case EditType.RemoveFrame:
                    parent.Children.RemoveAt(at);
                    break;
                case EditType.SetAttribute:
                    ((ElementNode)parent.Children[at]).Apply(frames[edit.ReferenceFrame]);
                    break;
                case EditType.RemoveAttribute:
                    ((ElementNode)parent.Children[at]).Remove(edit.RemovedAttributeName!);
                    break;
                case EditType.UpdateText:
                    ((TextNode)parent.Children[at]).Text = frames[edit.ReferenceFrame].Value ?? "";
                    break;
                case EditType.UpdateMarkup:
                    ((TextNode)parent.Children[at]).Text = frames[edit.ReferenceFrame].Value ?? "";
                    break;
                case EditType.StepIn:
                    parent = (ContainerNode)parent.Children[at];
                    depth++;
                    break;
                case EditType.StepOut:
                    parent = parent.Parent!;
                    depth--;
                    break;
                case EditType.PermutationListEntry:
                    permutation.Add((at, edit.ReferenceFrame));
                    break;
                case EditType.PermutationListEnd:
                    var before = parent.Children.ToList();
                    foreach (var (from, to) in permutation)
                    {
                        parent.Children[to] = before[from];
                    }
                    permutation.Clear();
                    break;
            }
        }
        if (depth != 0)
        {
            throw new InvalidOperationException($"Component {component.Id}'s edits did not step out to where they began.");
        }
    }

    /// <returns>How many children of <paramref name="parent"/> the frame became (a region's frames are its parent's).</returns>
    private int InsertFrame(ContainerNode parent, int index, List<Frame> frames, int frameIndex)
    {
        var frame = frames[frameIndex];
        switch (frame.Type)
        {
            case FrameType.Element:
                var element = new ElementNode(frame.Name ?? "");
                Insert(parent, index, element);
                var end = frameIndex + frame.SubtreeLength;
                var child = frameIndex + 1;
                for (; child < end && frames[child].Type == FrameType.Attribute; child++)
                {
                    element.Apply(frames[child]);
                }
                InsertFrames(element, 0, frames, child, end);
                return 1;
            case FrameType.Text:
            case FrameType.Markup:
                Insert(parent, index, new TextNode(frame.Value ?? ""));
                return 1;
            case FrameType.Component:
                var component = Component(frame.ComponentId);
                component.Children.Clear();
                Insert(parent, index, component);
                return 1;
            case FrameType.Region:
                return InsertFrames(parent, index, frames, frameIndex + 1, frameIndex + frame.SubtreeLength);
            default:
                return 0;
        }
    }

    private int InsertFrames(ContainerNode parent, int index, List<Frame> frames, int start, int end)
    {
        var first = index;
        for (var i = start; i < end; i++)
        {
            var frame = frames[i];
            index += InsertFrame(parent, index, frames, i);
            if (frame.Type is FrameType.Element or FrameType.Component or FrameType.Region)
            {
                i += frame.SubtreeLength - 1;
            }
        }
        return index - first;
    }

    private static void Insert(ContainerNode parent, int index, Node node)
    {
        node.Parent = parent;
        parent.Children.Insert(index, node);
    }

    public abstract class Node
    {
        public ContainerNode? Parent { get; set; }
    }

    public abstract class ContainerNode : Node
    {
        public List<Node> Children { get; } = [];

        /// <summary>Every element under this one, in document order.</summary>
        public IEnumerable<ElementNode> Elements() => Descendants(this).OfType<ElementNode>();

        /// <summary>The text a reader would see in this subtree (markup included as written).</summary>
        public string Text()
        {
            var text = new StringBuilder();
            foreach (var node in Descendants(this))
            {
                if (node is TextNode t)
                {
                    text.Append(t.Text);
                }
            }
            return text.ToString();
        }
    }

    public sealed class ComponentNode(int id) : ContainerNode
    {
        public int Id { get; } = id;
    }

    public sealed class TextNode(string text) : Node
    {
        public string Text { get; set; } = text;
    }

    public sealed class ElementNode(string name) : ContainerNode
    {
        public string Name { get; } = name;
        public Dictionary<string, string?> Attributes { get; } = new(StringComparer.Ordinal);
        /// <summary>Event name ("click", "input") → the handler id the server dispatches it to.</summary>
        public Dictionary<string, ulong> Handlers { get; } = new(StringComparer.Ordinal);

        public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

        internal void Apply(Frame attribute)
        {
            var name = attribute.Name ?? "";
            if (attribute.EventHandlerId != 0)
            {
                Handlers[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = attribute.EventHandlerId;
            }
            else
            {
                Attributes[name] = attribute.Value;
            }
        }

        internal void Remove(string name)
        {
            Attributes.Remove(name);
            if (name.StartsWith("on", StringComparison.Ordinal))
            {
                Handlers.Remove(name[2..]);
            }
        }
    }
}
