namespace RetailRecs.Core.Import;

/// <summary>Applies a value a file gives to a stored field; a value the file does not give (null) leaves the field alone.</summary>
internal sealed class FieldUpdate
{
    public bool Changed { get; private set; }

    public void Set<T>(T? value, T current, Action<T> assign)
    {
        if (value is not null && !EqualityComparer<T>.Default.Equals(value, current))
        {
            assign(value);
            Changed = true;
        }
    }
}
