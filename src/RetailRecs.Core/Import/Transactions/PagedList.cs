namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// A growing list of small structs in pages of 4,096: it grows without copying what it holds, and a page of up to
/// 16 bytes an item stays below the large-object heap's 85,000 bytes, where a list's doubling arrays (and the copies
/// they leave behind) grew a 100× import's memory with the file.
/// </summary>
internal sealed class PagedList<T> where T : struct
{
    private const int PageSize = 4096;
    private readonly List<T[]> _pages = [];

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count % PageSize == 0)
        {
            _pages.Add(new T[PageSize]);
        }
        _pages[^1][Count % PageSize] = item;
        Count++;
    }

    public ref T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _pages[index / PageSize][index % PageSize];
        }
    }
}
