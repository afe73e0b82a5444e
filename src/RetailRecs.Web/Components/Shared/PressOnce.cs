namespace RetailRecs.Web.Components.Shared;

/// <summary>
/// A button's action, once at a time: a second press while the first is still working (a double tap, a press again
/// because the database is slow) is dropped, not run again. Blazor runs a handler only until its first await, so the
/// second press arrives while the first is mid-way: it ran the action twice (two audit entries, or an error saying the
/// first press had already done it). Taken before the first await; <see cref="Busy"/> also disables the button.
/// </summary>
public sealed class PressOnce
{
    public bool Busy { get; private set; }

    public async Task RunAsync(Func<Task> action)
    {
        if (Busy)
        {
            return;
        }
        Busy = true;
        try
        {
            await action();
        }
        finally
        {
            Busy = false;
        }
    }
}
