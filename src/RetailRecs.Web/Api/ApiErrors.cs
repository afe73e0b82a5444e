using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using RetailRecs.Core.Data;

namespace RetailRecs.Web.Api;

/// <summary>
/// Makes every failure under /api an RFC 7807 problem document, as store systems expect: no sign-in redirect for an
/// address that is not an endpoint, no HTML error page (which in Development shows the request's headers, API key
/// included) for a body over the size limit or an exception, no empty 405 or 415.
/// </summary>
public static class ApiErrors
{
    /// <summary>Call before authentication and the status-code pages' handling, after routing.</summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<Middleware>());

    /// <summary>
    /// Call after authorization: a body without a length (chunked) is read into memory, up to the limit, before model
    /// binding, only for a request within the rate limit and with a valid key. Before 2026-12-06 it was read first, so
    /// a client without any key could make the app hold a megabyte per request.
    /// </summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<BodyLimit>());

    /// <summary>
    /// Binding a typed body stops at the first JSON token it cannot use (400 for "[" where an object belongs), sometimes
    /// before any limit is reached: the same oversized chunked request got 400 or 413 depending on timing. Reading it
    /// whole first gives it one answer (413, worded by <see cref="Middleware"/>).
    /// </summary>
    private sealed class BodyLimit(RequestDelegate next, ApiPolicies.Options options)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0 && !await BufferBodyWithinLimitAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            await next(context);
        }

        /// <returns>False when the body is over the limit (nothing more of it is read).</returns>
        private async Task<bool> BufferBodyWithinLimitAsync(HttpContext context)
        {
            var body = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (body.Length + read > options.MaxRequestBytes)
                {
                    return false;
                }
                body.Write(chunk, 0, read);
            }
            body.Position = 0;
            context.Request.Body = body;
            context.Request.ContentLength = body.Length;
            context.Response.RegisterForDispose(body);
            return true;
        }
    }

    private sealed class Middleware(RequestDelegate next, ApiPolicies.Options options, ILogger<Middleware> logger)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            var endpoint = context.GetEndpoint();
            // Every API endpoint requires a key's scope. No endpoint (404), or routing's own answer to a known address
            // with the wrong method (405, which sets Allow): the staff pages' sign-in fallback must not turn these
            // into a redirect to the sign-in page, so they are answered here, before authorization.
            if (endpoint?.Metadata.GetMetadata<IAuthorizeData>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                if (endpoint?.RequestDelegate is { } routingAnswer)
                {
                    await routingAnswer(context);
                }
                await WriteForStatusAsync(context);
                return;
            }

            // The size limit is kept here, below Kestrel's (ConnectionCutBytes), so that Kestrel drains the rest of an
            // oversized body after the 413: had Kestrel refused it, it would close the connection while the client was
            // still writing, and the client would see a broken pipe instead of the answer. A body without a length
            // (chunked) is measured by BodyLimit, after the rate limit and the key check.
            // Kestrel still refuses a body past its own ceiling, with BadHttpRequestException (413), handled below.
            try
            {
                if (context.Request.ContentLength > options.MaxRequestBytes)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                }
                else
                {
                    await next(context);
                }
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // Kestrel's refusals while the body is read: over the size limit (also for a chunked body, which
                // announces no length), or a malformed body.
                context.Response.Clear();
                context.Response.StatusCode = e.StatusCode;
            }
            catch (Exception e) when (!context.Response.HasStarted && StorageFaults.Describe(e) is { } fault)
            {
                // The database busy or full: nothing was stored and the same call can succeed later.
                logger.LogWarning("API request to {Endpoint} refused: the database is {Fault}", endpoint.DisplayName, fault.Fault);
                context.Response.Clear();
                context.Response.Headers.RetryAfter = ((int)fault.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Not stored; try again later", fault.Message);
                return;
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // The route pattern, not the path: paths hold customer codes.
                logger.LogError(e, "API request to {Endpoint} failed", endpoint.DisplayName);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            // A status without a body (set by the framework: 400, 413 or 415 while binding the body) gets its words.
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400)
            {
                await WriteForStatusAsync(context);
            }
        }

        private Task WriteForStatusAsync(HttpContext context)
        {
            var status = context.Response.StatusCode;
            var (title, detail) = status switch
            {
                StatusCodes.Status404NotFound => ("Not found", "No API endpoint at this address. The endpoints are described in /openapi/v1.json."),
                StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"This address takes {context.Response.Headers.Allow}."),
                StatusCodes.Status413PayloadTooLarge => ("Request too large", $"At most {options.MaxRequestBytes / 1024} KiB per request; split the batch."),
                StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type", "Send the body as JSON (Content-Type: application/json)."),
                StatusCodes.Status500InternalServerError => ("The request failed", "Retry later (events with the same Idempotency-Key are stored once); if it keeps failing, tell the RetailRecs admin the time of the call."),
                _ => (ReasonPhrases.GetReasonPhrase(status), "The request could not be read; see /openapi/v1.json for what each endpoint takes."),
            };
            return ApiProblems.WriteAsync(context, status, title, detail);
        }
    }
}
