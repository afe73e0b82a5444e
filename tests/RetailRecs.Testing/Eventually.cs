namespace RetailRecs.Testing;

/// <summary>
/// Waits for a fact that background work stores a moment after the page shows it (a list's "shown" records, an audit
/// entry). bUnit's WaitForAssertion re-checks only when the component renders again, so a record written after the
/// last render would never be seen; this polls the database instead, and fails with the last assertion's message.
/// </summary>
public static class Eventually
{
    public static async Task AssertAsync(Func<Task> assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
