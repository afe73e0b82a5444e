namespace RetailRecs.Web.Components.Shared;

/// <summary>
/// A component's loads, one after another. Blazor runs an event handler only until its first await, so a second
/// notice (a sale and a basket event in one request, a sale during the first load) starts a second load beside the
/// first; each would compare its list with the one last recorded before either had recorded it, and record it twice.
/// </summary>
public sealed class OneAtATime
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task RunAsync(Func<Task> work)
    {
        await _turn.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            _turn.Release();
        }
    }
}
