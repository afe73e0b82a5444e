using MudBlazor;

namespace RetailRecs.Web.Components.Layout;

/// <summary>The app's colours, light and dark; the static sign-in pages use the same primary colour (app.css).</summary>
internal static class RetailRecsTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#ef6c00",
            AppbarBackground = "#00695c",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4db6ac",
            Secondary = "#ffb74d",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
