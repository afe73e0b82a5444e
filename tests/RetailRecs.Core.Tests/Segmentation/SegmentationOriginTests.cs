using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Tests.Segmentation;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class SegmentationOriginTests
{
    [Theory]
    [InlineData("manager@retailrecs.example", null, "By hand")]
    [InlineData("schedule", null, "Daily schedule")]
    [InlineData("startup", null, "At start-up")]
    [InlineData("cli", null, "Command line")]
    [InlineData("schedule", 12, "After training run 12 (daily schedule)")]
    [InlineData("startup", 1, "After training run 1 (at start-up)")]
    [InlineData("manager@retailrecs.example", 7, "After training run 7 (started by hand)")]
    public void Describe_HowTheRunBegan_NamesNoOne(string startedBy, int? afterTrainingRunId, string expected) =>
        Assert.Equal(expected, SegmentationOrigin.Describe(startedBy, afterTrainingRunId));
}
