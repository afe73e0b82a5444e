using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace RetailRecs.Web.Tests.Security;

/// <summary>Every routable page of the web assembly, found by reflection so new pages are covered without editing tests.</summary>
public static class RoutedPages
{
    public sealed record Page(Type Component, string Route, bool AllowsAnonymous, string? Policy)
    {
        public override string ToString() => Route;
    }

    public static IReadOnlyList<Page> All { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => new Page(
            t,
            // Route parameters get a value that exists in the demo data ({Id:int} → 1).
            System.Text.RegularExpressions.Regex.Replace(r.Template, @"\{[^}]+\}", "1"),
            t.GetCustomAttribute<AllowAnonymousAttribute>() is not null,
            t.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).FirstOrDefault(p => p is not null))))
        .OrderBy(p => p.Route, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> Routes(Func<Page, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (var page in All.Where(filter))
        {
            data.Add(page.Route);
        }
        return data;
    }
}
