using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Jobs;

/// <summary>The training that starts on its own: the first training of a new install, and the daily one, once across instances.</summary>
public class TrainingScheduleTests
{
    private static Action<IServiceCollection> Settings(TimeProvider time, string? dailyAt, bool trainWhenNoModel) => services =>
    {
        services.AddSingleton(time);
        services.Configure<TrainingOptions>(o =>
        {
            o.DailyAt = dailyAt;
            o.TrainWhenNoModel = trainWhenNoModel;
        });
    };

    private static TrainingSchedule ScheduleOf(IServiceProvider services) =>
        services.GetServices<IJobSchedule>().OfType<TrainingSchedule>().Single();

    [Fact]
    public async Task DueAsync_NewInstallWithSales_FirstLookTrainsThenSegments_OnceOnly()
    {
        await using var database = await TestDatabase.CreateAsync(configure: Settings(TimeProvider.System, null, trainWhenNoModel: true));
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var schedule = ScheduleOf(database.Services);

        var first = Assert.Single(await schedule.DueAsync(CancellationToken.None));
        var later = await schedule.DueAsync(CancellationToken.None);

        var job = Assert.IsType<TrainThenSegmentJob>(first);
        Assert.Equal((TrainingSchedule.Startup, TrainingJobs.DefaultAlgorithms.Count), (job.StartedBy, job.Request.Algorithms.Count));
        Assert.Empty(later);
    }

    /// <summary>
    /// A first training killed by a redeploy, or failed before the sales were imported, counted as "a model": the app
    /// never trained on its own again. A start-up training that failed within the day is not tried at every restart
    /// (one killed by running out of memory would restart the app in a loop).
    /// </summary>
    [Theory]
    [InlineData(RetailRecs.Core.Model.ModelRunStatus.Failed, "admin@store.example", 0, true)]
    [InlineData(RetailRecs.Core.Model.ModelRunStatus.Cancelled, TrainingSchedule.Startup, 30, true)]
    [InlineData(RetailRecs.Core.Model.ModelRunStatus.Failed, TrainingSchedule.Startup, 2, false)]
    public async Task DueAsync_OnlyARunThatDidNotFinish_TrainsAgain_OnceADayAtMost(RetailRecs.Core.Model.ModelRunStatus status, string startedBy, int hoursAgo, bool trains)
    {
        await using var database = await TestDatabase.CreateAsync(configure: Settings(TimeProvider.System, null, trainWhenNoModel: true));
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await using (var db = database.CreateContext())
        {
            db.ModelRuns.Add(new RetailRecs.Core.Model.ModelRun { Algorithm = "hybrid", Status = status, StartedBy = startedBy, StartedAt = DateTime.UtcNow.AddHours(-hoursAgo) });
            await db.SaveChangesAsync();
        }

        var due = await ScheduleOf(database.Services).DueAsync(CancellationToken.None);

        Assert.Equal(trains ? [TrainThenSegmentJob.KindName] : [SegmentationJob.KindName], due.Select(j => j.Kind));
    }

    [Fact]
    public async Task DueAsync_ModelsButNoSegments_FirstLookSegmentsOnly()
    {
        await using var database = await TestDatabase.CreateAsync(configure: Settings(TimeProvider.System, null, trainWhenNoModel: true));
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await using (var db = database.CreateContext())
        {
            db.ModelRuns.Add(new RetailRecs.Core.Model.ModelRun { Algorithm = "popularity", Status = RetailRecs.Core.Model.ModelRunStatus.Succeeded, StartedBy = "test" });
            await db.SaveChangesAsync();
        }

        var job = Assert.Single(await ScheduleOf(database.Services).DueAsync(CancellationToken.None));

        Assert.Equal((SegmentationJob.KindName, TrainingSchedule.Startup), (job.Kind, job.StartedBy));
    }

    [Fact]
    public async Task DueAsync_TwoInstancesAtTheDailyHour_OneOfThemTrains_AndNotAgainThatDay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 1, 59, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        await using var database = await TestDatabase.CreateAsync(configure: Settings(clock, "02:00", trainWhenNoModel: false));
        await using var other = database.AnotherInstance(Settings(clock, "02:00", trainWhenNoModel: false));
        var schedules = new[] { ScheduleOf(database.Services), ScheduleOf(other) };
        Assert.All(await Task.WhenAll(schedules.Select(s => s.DueAsync(CancellationToken.None))), Assert.Empty);

        clock.Advance(TimeSpan.FromMinutes(2));
        var due = await Task.WhenAll(schedules.Select(s => s.DueAsync(CancellationToken.None)));
        var again = await Task.WhenAll(schedules.Select(s => s.DueAsync(CancellationToken.None)));

        var job = Assert.Single(due.SelectMany(d => d));
        Assert.Equal((TrainThenSegmentJob.KindName, TrainingSchedule.Schedule), (job.Kind, job.StartedBy));
        Assert.Empty(again.SelectMany(d => d));
    }
}
