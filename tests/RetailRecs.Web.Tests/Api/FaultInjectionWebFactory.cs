using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>
/// The real app over a database a test can make busy (a one-second busy timeout, so a held write lock fails a write
/// quickly) or full (<see cref="Disk"/>), and whose host a test can stop. No start-up training: it would compete
/// for the write lock the tests hold.
/// </summary>
public sealed class FaultInjectionWebFactory : RetailRecsWebFactory
{
    public SqliteDiskLimit Disk { get; } = new();

    protected override bool FollowsTestProvider => false; // the faults are the SQLite file's (locks, a full disk)

    /// <summary>The app's host, to stop it as SIGTERM would.</summary>
    public IHost Host { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Database:BusyTimeoutSeconds", "1"),
        new("Training:TrainWhenNoModel", "false"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Disk));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        Host = base.CreateHost(builder);
        return Host;
    }
}
