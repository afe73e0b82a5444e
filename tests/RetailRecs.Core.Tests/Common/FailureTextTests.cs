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
        var nested = new AggregateException(new InvalidOperationException("A."), new AggregateException(new InvalidOperationException("B."), new InvalidOperationException("A.")));

        Assert.Equal("A. B.", FailureText.Of(nested));
        Assert.Equal("Plain.", FailureText.Of(new InvalidOperationException("Plain.")));
    }
}
