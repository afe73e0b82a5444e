using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace RetailRecs.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider's context factory (short-lived contexts for Blazor components and services)
    /// and a scoped <see cref="RetailDbContext"/> for Identity's stores and health checks.
    /// </summary>
    public static IServiceCollection AddRetailDatabase(this IServiceCollection services, DatabaseOptions options,
        string? serverConnectionString, string contentRoot)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var path = Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(contentRoot, options.SqlitePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                // Default Timeout: how long a write waits for another connection's write lock before SQLITE_BUSY.
                // Interceptors registered in the container apply too (tests use one to fill the "disk").
                var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
                {
                    DataSource = path, DefaultTimeout = Math.Max(1, options.BusyTimeoutSeconds),
                }.ToString();
                services.AddDbContextFactory<SqliteRetailDbContext>((sp, o) => o.UseSqlite(connection).AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddSingleton<IDbContextFactory<RetailDbContext>>(sp =>
                    new ContextFactoryAdapter<SqliteRetailDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteRetailDbContext>>()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerRetailDbContext>((sp, o) =>
                    o.UseSqlServer(RequireConnectionString(options, serverConnectionString)).AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddSingleton<IDbContextFactory<RetailDbContext>>(sp =>
                    new ContextFactoryAdapter<SqlServerRetailDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerRetailDbContext>>()));
                break;
            case DatabaseProvider.Postgres:
                var postgres = PostgresConnectionDefaults.Apply(RequireConnectionString(options, serverConnectionString));
                services.AddDbContextFactory<PostgresRetailDbContext>((sp, o) =>
                    o.UseNpgsql(postgres).AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddSingleton<IDbContextFactory<RetailDbContext>>(sp =>
                    new ContextFactoryAdapter<PostgresRetailDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresRetailDbContext>>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite, SqlServer or Postgres.");
        }

        services.AddSingleton(options);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContext());
        return services;
    }

    private static string RequireConnectionString(DatabaseOptions options, string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {options.Provider} but the connection string 'ConnectionStrings:RetailRecs' is not set.")
            : connectionString;
}
