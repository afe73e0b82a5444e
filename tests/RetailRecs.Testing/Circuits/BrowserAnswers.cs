namespace RetailRecs.Testing.Circuits;

/// <summary>
/// What a browser would answer to the JavaScript calls whose .NET caller cannot take "nothing" (a bool, a count, a size):
/// everything else (void calls, optional values) is answered with null, as a tablet that had nothing to say.
/// </summary>
internal static class BrowserAnswers
{
    public static object? For(string identifier) => identifier switch
    {
        // MudBlazor checks that its script is loaded, and that one popover provider is on the page.
        "window.hasOwnProperty" => true,
        "mudpopoverHelper.countProviders" => 1,
        "mudResizeListener.getBrowserWindowSize" => new { height = 800, width = 1280 },
        "mudElementRef.getBoundingClientRect" => new { top = 0, left = 0, width = 320, height = 40, bottom = 40, right = 320, x = 0, y = 0, scrollX = 0, scrollY = 0, windowHeight = 800, windowWidth = 1280 },
        _ => null,
    };
}
