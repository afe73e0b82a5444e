using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetailRecs.Core.Data;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Account;

/// <summary>
/// The app with small sign-in throttle limits and a header that sets the client address, so each test can play
/// several clients (the test server has no real connections). Without demo data: only the accounts are needed.
/// </summary>
public class SignInWebFactory : RetailRecsWebFactory
{
    public const string ClientHeader = "X-Test-Client-Address";
    public const int FailuresPerClient = 8;
    public const int FailuresBeforeDelay = 3;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Seed:DemoData", "false"),
        new("Security:SignIn:FailuresPerClient", FailuresPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Security:SignIn:FailuresPerAccount", "6"),
        new("Security:SignIn:FailuresBeforeDelay", FailuresBeforeDelay.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>
    /// The throttle's clock, which moves only when a test moves it: a delay of one second is otherwise outwaited by a
    /// busy machine between two requests. Only the throttle reads it; sign-in codes and sessions keep the real clock.
    /// </summary>
    public FakeTimeProvider ThrottleClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services.RemoveAll<SignInThrottle>();
            services.AddSingleton(provider => new SignInThrottle(provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RetailDbContext>>(),
                provider.GetRequiredService<IOptions<SignInThrottleOptions>>(), ThrottleClock));
        });
    }

    /// <summary>A browser-like client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<SignInWebFactory>
{
    public const string Name = "sign-in";
}
