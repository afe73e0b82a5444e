using RetailRecs.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRetailRecsWeb();

var app = builder.Build();
try
{
    await app.UseRetailRecsAsync();
}
catch (InvalidOperationException ex) when (!app.Environment.IsDevelopment())
{
    // A configuration problem the operator must fix (no admin, missing connection string, pending SQL Server
    // migrations): say what to do and stop, rather than serve an app nobody can manage.
    app.Logger.LogCritical("RetailRecs cannot start: {Reason}", ex.Message);
    Console.Error.WriteLine($"RetailRecs cannot start: {ex.Message}");
    Environment.ExitCode = 1;
    return;
}
await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
