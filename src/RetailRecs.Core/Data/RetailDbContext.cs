using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data;

/// <summary>
/// The one database of the app: Identity's tables and the retail domain. Services use this type;
/// each provider has a derived context (<see cref="SqliteRetailDbContext"/>, <see cref="SqlServerRetailDbContext"/>)
/// only so that each keeps its own migrations.
/// </summary>
public abstract class RetailDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    protected RetailDbContext(DbContextOptions options) : base(options)
    {
        SavingChanges += (_, _) =>
        {
            RefreshCustomerSearchKeys();
            MarkSaleMonthsDirty();
            MarkLabelChanges();
        };
    }

    /// <summary>
    /// The keys that sign and encrypt cookies and protected browser storage, shared by every app instance on this
    /// database: a sign-in on one instance is valid on another (see WebHostingExtensions).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();
    public DbSet<InteractionEvent> InteractionEvents => Set<InteractionEvent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<ModelRun> ModelRuns => Set<ModelRun>();
    public DbSet<ModelRunArtifact> ModelRunArtifacts => Set<ModelRunArtifact>();
    public DbSet<ModelArtifactPart> ModelArtifactParts => Set<ModelArtifactPart>();
    public DbSet<SegmentationRun> SegmentationRuns => Set<SegmentationRun>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<CustomerSegment> CustomerSegments => Set<CustomerSegment>();
    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<ExperimentExposure> ExperimentExposures => Set<ExperimentExposure>();
    public DbSet<ProcessHeartbeat> ProcessHeartbeats => Set<ProcessHeartbeat>();
    public DbSet<ChangeNotice> ChangeNotices => Set<ChangeNotice>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<ErasedCustomer> ErasedCustomers => Set<ErasedCustomer>();
    public DbSet<ProductMonthSales> ProductMonthSales => Set<ProductMonthSales>();
    public DbSet<ProductDaySales> ProductDaySales => Set<ProductDaySales>();
    public DbSet<RollupDirtyMonth> RollupDirtyMonths => Set<RollupDirtyMonth>();
    public DbSet<RollupPendingOrder> RollupPendingOrders => Set<RollupPendingOrder>();
    public DbSet<CategoryDaySales> CategoryDaySales => Set<CategoryDaySales>();
    public DbSet<CountryDaySales> CountryDaySales => Set<CountryDaySales>();
    public DbSet<RollupLabelChange> RollupLabelChanges => Set<RollupLabelChange>();
    public DbSet<OrderDaySales> OrderDaySales => Set<OrderDaySales>();
    public DbSet<OrderHourCounts> OrderHourCounts => Set<OrderHourCounts>();
    public DbSet<CustomerMonthSales> CustomerMonthSales => Set<CustomerMonthSales>();
    public DbSet<CustomerCohortMonth> CustomerCohortMonths => Set<CustomerCohortMonth>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    /// <summary>
    /// The collation that compares text by its code points, where the provider's default does not (the search columns'
    /// prefix ranges rely on it; SQLite compares binary by default).
    /// </summary>
    protected virtual string? OrdinalCollation => null;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RetailDbContext).Assembly);
        builder.Entity<ProcessHeartbeat>(b =>
        {
            b.HasKey(h => h.Owner);
            b.Property(h => h.Owner).HasMaxLength(ProcessOwner.MaxLength);
        });
        builder.Entity<ErasedCustomer>(b =>
        {
            b.HasKey(e => e.CodeKey);
            b.Property(e => e.CodeKey).HasMaxLength(Privacy.ErasedCustomerCodes.KeyLength);
        });
        foreach (var job in builder.Model.GetEntityTypes().Where(t => typeof(IOwnedJob).IsAssignableFrom(t.ClrType)).ToList())
        {
            builder.Entity(job.ClrType).Property(nameof(IOwnedJob.Owner)).HasMaxLength(ProcessOwner.MaxLength);
        }
        if (OrdinalCollation is { } collation)
        {
            foreach (var column in Configurations.CustomerConfiguration.SearchKeyColumns)
            {
                builder.Entity<Customer>().Property(column).UseCollation(collation);
            }
        }
    }

    /// <summary>
    /// Set by a saver that adds its new orders to the rollups itself in the same transaction (the events API, through
    /// SaleRollupDeltas): their months are then not marked. Changed and deleted orders are marked all the same.
    /// </summary>
    internal bool AddedSalesRolledUpBySaver { get; set; }

    /// <summary>
    /// Every save of an order (a new sale, lines added or completed by an admin: whoever adds lines refreshes the order's
    /// totals, so the order is saved too) marks its month for the sales rollups, in the same transaction; the events
    /// API's new sales are not marked where it adds them to the rollups itself (<see cref="AddedSalesRolledUpBySaver"/>).
    /// Bulk imports that write around the context mark their months themselves (ImportService).
    /// </summary>
    private void MarkSaleMonthsDirty()
    {
        var months = new HashSet<DateOnly>();
        foreach (var entry in ChangeTracker.Entries<Order>())
        {
            if (entry.State == EntityState.Added && AddedSalesRolledUpBySaver)
            {
                continue;
            }
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                months.Add(CalendarMonth.Of(entry.Entity.PlacedAt));
                if (entry.State == EntityState.Modified)
                {
                    months.Add(CalendarMonth.Of(entry.Property(o => o.PlacedAt).OriginalValue));
                }
            }
        }
        foreach (var month in months)
        {
            RollupDirtyMonths.Add(new RollupDirtyMonth { Month = month });
        }
    }

    /// <summary>
    /// Every save that changes a product's category (own or automatic) or non-merchandise flag, or a customer's country,
    /// marks the label rollup that groups sales by it, in the same transaction. Bulk updates mark themselves
    /// (ProductCategoriser). New products and customers need no mark: their sales mark their months, or are added to
    /// the rollups with the labels they have.
    /// </summary>
    private void MarkLabelChanges()
    {
        var products = ChangeTracker.Entries<Product>().Any(e => e.State == EntityState.Modified
            && (e.Property(p => p.Category).IsModified || e.Property(p => p.AutoCategory).IsModified || e.Property(p => p.IsNonMerchandise).IsModified));
        var customers = ChangeTracker.Entries<Customer>().Any(e => e.State == EntityState.Modified && e.Property(c => c.Country).IsModified);
        if (products)
        {
            RollupLabelChanges.Add(new RollupLabelChange { Label = RollupLabel.ProductCategory });
        }
        if (customers)
        {
            RollupLabelChanges.Add(new RollupLabelChange { Label = RollupLabel.CustomerCountry });
        }
    }

    /// <summary>Every save of a customer, from any path (imports, the API, the admin, the demo), refreshes its search columns.</summary>
    private void RefreshCustomerSearchKeys()
    {
        foreach (var entry in ChangeTracker.Entries<Customer>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.RefreshSearchKeys();
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database reads well and reordering an enum cannot corrupt data.
        configurationBuilder.Properties<ImportKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ImportStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<InteractionType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ModelRunStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ExperimentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ExperimentUnit>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ExperimentMetric>().HaveConversion<string>().HaveMaxLength(32);
    }
}
