using Microsoft.Extensions.Configuration.Json;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// The client wants appsettings.Development.json at the repository root. The build copies it beside the app as
/// root.appsettings.Development.json; in Development it is loaded right after the project's own appsettings files,
/// so environment variables and the command line still override it.
/// </summary>
internal static class RootDevelopmentSettings
{
    public const string FileName = "root.appsettings.Development.json";

    public static void Add(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = builder.Configuration.Sources;
        var lastJson = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is JsonConfigurationSource).i;
        sources.Insert(lastJson + 1, source);
    }
}
