using Microsoft.EntityFrameworkCore;

namespace RetailRecs.Core.Data;

/// <summary>Lets services ask for <c>IDbContextFactory&lt;RetailDbContext&gt;</c> whichever provider's context is registered.</summary>
internal sealed class ContextFactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<RetailDbContext>
    where TContext : RetailDbContext
{
    public RetailDbContext CreateDbContext() => inner.CreateDbContext();
}
