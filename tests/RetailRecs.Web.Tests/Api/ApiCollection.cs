using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>
/// The API tests' own app and database: they store sales dated today, which would move the other tests' demo data
/// (its last day, the dashboard's default period, the evaluation's split) from 2011 to now.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<RetailRecsWebFactory>
{
    public const string Name = "api";
}
