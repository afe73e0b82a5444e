using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace RetailRecs.Web.Api;

/// <summary>
/// An RFC 7807 problem with a fixed status, as a typed result: an endpoint that names it in its signature
/// (<c>Results&lt;Ok&lt;T&gt;, ValidationProblem, NotFoundProblem&gt;</c>) gets the status in the OpenAPI document
/// without a separate <c>ProducesProblem</c>. The body is written by <c>TypedResults.Problem</c>, as before.
/// </summary>
public abstract class ProblemResult(int status, string title, string? detail) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public virtual Task ExecuteAsync(HttpContext httpContext) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(httpContext);

    protected static void Describe(int status, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>404: no such customer or product.</summary>
public sealed class NotFoundProblem(string detail) : ProblemResult(StatusCodes.Status404NotFound, "Not found", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(StatusCodes.Status404NotFound, builder);
}

/// <summary>409: the request conflicts with what is stored; nothing of it was stored.</summary>
public sealed class ConflictProblem(string detail)
    : ProblemResult(StatusCodes.Status409Conflict, "Conflict with what is stored; nothing was stored", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(StatusCodes.Status409Conflict, builder);
}

/// <summary>413: the body is over the size limit.</summary>
public sealed class TooLargeProblem(string detail) : ProblemResult(StatusCodes.Status413PayloadTooLarge, "Request too large", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(StatusCodes.Status413PayloadTooLarge, builder);
}

/// <summary>503 with Retry-After: nothing was stored, and the same request can be sent again after the wait.</summary>
public sealed class UnavailableProblem(string detail, TimeSpan retryAfter)
    : ProblemResult(StatusCodes.Status503ServiceUnavailable, "Not stored; try again later", detail), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(StatusCodes.Status503ServiceUnavailable, builder);
}
