using RetailRecs.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
WebApplication app;
try
{
    builder.AddRetailRecsWeb();
    app = builder.Build();
    await app.UseRetailRecsAsync();
}
catch (InvalidOperationException ex) when (!builder.Environment.IsDevelopment())
{
    // A configuration problem the operator must fix (no admin, missing connection string, pending SQL Server
    // migrations): say what to do and stop, rather than serve an app nobody can manage. Messages name settings,
    // never personal data.
    Console.Error.WriteLine($"RetailRecs cannot start: {ex.Message}");
    Environment.ExitCode = 1;
    return;
}
await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
