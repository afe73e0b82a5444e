using RetailRecs.Core.Data;

namespace RetailRecs.Web.Components.Shared;

/// <summary>What a page that failed tells the member of staff, by kind of fault: what happened and what to do.</summary>
public static class PageProblemWords
{
    public static string Title(Exception error) => StorageFaults.Classify(error) switch
    {
        StorageFault.Unreachable => "The database is not answering",
        StorageFault.Busy => "The database is busy",
        StorageFault.Full => "The database's disk is full",
        StorageFault.TimedOut => "The database did not answer in time",
        _ => "This page ran into a problem",
    };

    public static string Detail(Exception error) => StorageFaults.Classify(error) switch
    {
        StorageFault.Unreachable =>
            "The database server cannot be reached; it may be restarting. Nothing already saved is lost. Try again in a moment.",
        StorageFault.Busy =>
            "Another program held the database longer than the app waits. Nothing already saved is lost. Try again in a moment.",
        StorageFault.Full =>
            "The database could not grow. Nothing already saved is lost. Tell an admin so the disk can be freed, then try again.",
        StorageFault.TimedOut =>
            "It may be busy with other work, or restarting. Nothing already saved is lost. Try again in a moment.",
        _ => "The page could not finish what it was doing. Try again; if it keeps happening, tell an admin when it happened.",
    };
}
