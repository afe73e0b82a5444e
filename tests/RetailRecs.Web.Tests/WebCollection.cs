using RetailRecs.Testing;

namespace RetailRecs.Web.Tests;

/// <summary>One running app (and one seeded database) shared by the HTTP tests: seeding the demo data takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<RetailRecsWebFactory>
{
    public const string Name = "web";
}
