using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace RetailRecs.Web.Components.Shared;

public partial class PageProblem
{
    private ErrorBoundary? _boundary;

    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>Renders the page again from the start (its data read anew). The layouts call it on every navigation, so a
    /// problem on one page does not follow the user to the next.</summary>
    public void Recover() => _boundary?.Recover();
}
