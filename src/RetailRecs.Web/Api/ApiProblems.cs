using Microsoft.AspNetCore.Mvc;

namespace RetailRecs.Web.Api;

/// <summary>RFC 7807 problem details for the API's own refusals (authentication, rate limits, size).</summary>
public static class ApiProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path },
            options: null, contentType: "application/problem+json");
    }
}
