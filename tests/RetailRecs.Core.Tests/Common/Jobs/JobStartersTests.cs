using RetailRecs.Core.Common.Jobs;

namespace RetailRecs.Core.Tests.Common.Jobs;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class JobStartersTests
{
    [Theory]
    [InlineData("schedule", "Daily schedule")]
    [InlineData("startup", "At start-up")]
    [InlineData("cli", "Command line")]
    [InlineData("cli:evaluate", "Command line")]
    [InlineData("system (first start)", "At start-up")]
    [InlineData("pat.pages@store.example", "By hand (a staff member)")]
    [InlineData("ME@store.example", "By hand (you)")]
    public void Describe_Starter_SaysHowItBegan_WithoutANameOtherThanYou(string startedBy, string expected) =>
        Assert.Equal(expected, JobStarters.Describe(startedBy, viewer: "me@store.example"));
}
