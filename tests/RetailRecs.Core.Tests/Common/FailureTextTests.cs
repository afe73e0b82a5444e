using RetailRecs.Core.Common;

namespace RetailRecs.Core.Tests.Common;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class FailureTextTests
{
    [Fact]
    public void Of_AFailureInsideParallelWork_IsTheInnerMessage()
    {
        var thrown = Assert.Throws<AggregateException>(() => Parallel.For(0, 4, i =>
        {
            if (i == 2)
            {
                throw new InvalidOperationException("The hybrid ranker needs customers who bought twice.");
            }
        }));

        Assert.Equal("The hybrid ranker needs customers who bought twice.", FailureText.Of(thrown));
    }

    [Fact]
    public void Of_SeveralAndNestedFailures_EachMessageOnce()
    {
        var nested = new AggregateException(Thrown("A."), new AggregateException(Thrown("B."), Thrown("A.")));

        Assert.Equal("A. B.", FailureText.Of(nested));
        Assert.Equal("Plain.", FailureText.Of(Thrown("Plain.")));
    }

    /// <summary>The runtime's or a library's message is not ours to show (it may quote data): the log has it.</summary>
    [Fact]
    public void Of_ALibrarysFailure_NamesItsKindAndTheLog_NotItsMessage()
    {
        var bounds = Assert.Throws<IndexOutOfRangeException>(() => _ = Array.Empty<int>()[Random.Shared.Next(1, 2)]);
        var parse = Assert.Throws<FormatException>(() => int.Parse("customer ada@example.com", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("an unexpected error (IndexOutOfRangeException); the details are in the server log.", FailureText.Of(bounds));
        Assert.DoesNotContain("ada@example.com", FailureText.Of(new AggregateException(parse, Thrown("Ours."))));
        Assert.EndsWith("Ours.", FailureText.Of(new AggregateException(parse, Thrown("Ours."))));
    }

    private static InvalidOperationException Thrown(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
