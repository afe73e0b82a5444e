using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Core.Startup;

namespace RetailRecs.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the domain layer: the database for the configured provider, staff identity stores and the feature services.
    /// Returns Identity's builder so a host can add what it needs on top (sign-in, token providers).
    /// </summary>
    public static IdentityBuilder AddRetailRecsCore(this IServiceCollection services, DatabaseOptions database,
        string? serverConnectionString, SeedOptions seed, string contentRoot)
    {
        services.AddRetailDatabase(database, serverConnectionString, contentRoot);
        services.AddSingleton(seed);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<StaffAccountService>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StaffSessionOptions>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddOptions<ImportOptions>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<Analytics.Rollups.RollupRefresher>();
        services.AddSingleton<Jobs.ProcessHeartbeats>();
        services.AddSingleton<ImportHistory>();
        services.AddSingleton<ImportJobs>();
        services.AddScoped<StaffSeeder>();
        services.AddSingleton<DatabaseInitialiser>();
        services.AddSingleton<ProductSearch>();
        services.AddSingleton<CustomerSearch>();
        services.AddSingleton<CustomerCardService>();
        services.AddSingleton<Clock.ShopClock>();
        services.AddSingleton<SalesOverview>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<TrainingDataLoader>();
        services.AddSingleton<ProductCategoriser>();
        // One runner for every background job; the schedules start jobs on their own, the histories are swept for
        // runs a stopped process left running.
        services.AddSingleton<Common.Jobs.JobRunner>();
        services.AddSingleton<Jobs.TrainingJobs>();
        services.AddSingleton<Jobs.BackgroundWork>();
        services.AddSingleton<Common.Jobs.IJobSchedule, Jobs.TrainingSchedule>();
        services.AddSingleton<Common.Jobs.IJobSchedule, Privacy.Retention.RetentionSchedule>();
        services.AddSingleton<Common.Jobs.IJobHistory>(sp => sp.GetRequiredService<ImportService>());
        services.AddSingleton<Common.Jobs.IJobHistory>(sp => sp.GetRequiredService<ModelTrainingService>());
        services.AddSingleton<Common.Jobs.IJobHistory>(sp => sp.GetRequiredService<Segmentation.SegmentationService>());
        services.AddSingleton<Common.Jobs.IJobHistory>(sp => sp.GetRequiredService<Evaluation.EvaluationService>());
        services.AddSingleton<IChampionHold, Experiments.ExperimentChampionHold>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelRunHistory>();
        services.AddSingleton<ModelTrainingService>();
        services.AddSingleton<RecommendationService>();
        services.AddSingleton<SuggestionsByCode>();
        services.AddSingleton<RetailRecs.Core.Recommendations.Feedback.InteractionRecorder>();
        services.AddSingleton<Segmentation.CustomerFeatureLoader>();
        services.AddSingleton<Segmentation.SegmentationService>();
        services.AddSingleton<Segmentation.SegmentQueries>();
        services.AddSingleton<Segmentation.SegmentationJobs>();
        services.AddSingleton<Segmentation.SegmentPopularity>();
        services.AddSingleton<Evaluation.EvaluationService>();
        services.AddSingleton<Evaluation.EvaluationJobs>();
        services.AddOptions<Recommendations.Live.LiveUpdatesOptions>();
        services.AddSingleton<Recommendations.Live.LiveUpdates>();
        services.AddSingleton<Common.Changes.ChangeFeed>();
        services.AddSingleton<Common.Jobs.JobLeases>();
        // Everything that keeps a changeable fact in memory hears of its changes, here and on the other instances.
        services.AddSingleton<Common.Changes.IChangeListener, Recommendations.Live.LiveChangeListener>();
        services.AddSingleton<Common.Changes.IChangeListener>(sp => sp.GetRequiredService<ModelRegistry>());
        services.AddSingleton<Common.Changes.IChangeListener>(sp => sp.GetRequiredService<ApiKeys.ApiKeyService>());
        services.AddSingleton<Common.Changes.IChangeListener>(sp => sp.GetRequiredService<Experiments.ExperimentRouter>());
        services.AddSingleton<Privacy.ErasuresElsewhere>();
        services.AddSingleton<Recommendations.Serving.IncrementalDrift>();
        services.AddSingleton<ApiKeys.ApiKeyService>();
        services.AddSingleton<Ingestion.EventIngestion>();
        services.AddSingleton<Ingestion.CatalogUpserts>();
        services.AddSingleton<Experiments.ExperimentRouter>();
        services.AddSingleton<IExperimentVariants>(sp => sp.GetRequiredService<Experiments.ExperimentRouter>());
        services.AddSingleton<Experiments.ExperimentService>();
        services.AddSingleton<CustomerExportService>();
        services.AddSingleton<CustomerErasureService>();
        services.AddOptions<Privacy.Retention.RetentionOptions>();
        services.AddSingleton<Privacy.Retention.RetentionService>();
        services.AddSingleton<CustomerConsentService>();
        services.AddSingleton<Catalog.ProductSensitivity>();
        services.AddSingleton<Catalog.ProductMerchandise>();

        return services.AddIdentityCore<StaffUser>(StaffIdentityOptions.Apply)
            .AddRoles<IdentityRole>()
            .AddPasswordValidator<Staff.Passwords.StaffPasswordValidator>()
            .AddEntityFrameworkStores<RetailDbContext>();
    }
}
