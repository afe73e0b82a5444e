using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace RetailRecs.Testing.Circuits;

/// <summary>
/// A Blazor Server circuit without a browser: it loads a page with the staff member's cookie, starts the circuit for the
/// page's interactive roots over the hub, keeps the page (<see cref="PageTree"/>) from the render batches it acknowledges,
/// navigates, dispatches events, and answers the JavaScript calls the server makes. The server cannot tell it from
/// blazor.web.js, so its time is the app's; the client's own work is a few microseconds a batch instead of a browser's
/// layout and paint.
/// </summary>
public sealed partial class BrowserlessCircuit : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly PageTree _tree = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<PageTree, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly string _baseUri;
    private long _renderer;
    private long _nextCallId;

    private readonly CookieContainer _cookies;
    private string? _circuitId;

    private BrowserlessCircuit(HubConnection hub, string baseUri, CookieContainer cookies)
    {
        _hub = hub;
        _baseUri = baseUri;
        _cookies = cookies;
    }

    /// <summary>Errors the server reported on this circuit (JS.Error) or that broke it (the connection closed).</summary>
    public ConcurrentQueue<string> Errors { get; } = new();
    /// <summary>The JavaScript functions the server called, and how often (answered as the browser would, or with nothing).</summary>
    public ConcurrentDictionary<string, int> JsCalls { get; } = new();
    /// <summary>Events the server could not dispatch (the handler had been replaced by a render in between).</summary>
    public ConcurrentQueue<string> EventFailures { get; } = new();
    public string Location { get; private set; } = "";

    /// <summary>Signs a staff member in over HTTP (the sign-in form) and returns the cookies a circuit is started with.</summary>
    public static async Task<CookieContainer> SignInAsync(string baseUrl, string email, string password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            { BaseAddress = new Uri(baseUrl) };
        using var signIn = await StaffSignIn.PostAsync(http, email, password);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}, not a redirect.");
        }
        return cookies;
    }

    public static async Task<BrowserlessCircuit> StartAsync(string baseUrl, CookieContainer cookies, string path)
    {
        var baseUri = baseUrl.TrimEnd('/') + "/";
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            { BaseAddress = new Uri(baseUri) };
        var html = await http.GetStringAsync(path.TrimStart('/'));
        var markers = ServerMarker().Matches(html).Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone()).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server component (signed out?).");
        }
        var state = ComponentState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder()
            .WithUrl(baseUri + "_blazor", o =>
            {
                o.Cookies = cookies;
                o.Transports = HttpTransportType.WebSockets;
            });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var circuit = new BrowserlessCircuit(builder.Build(), baseUri, cookies) { Location = baseUri + path.TrimStart('/') };
        circuit.Listen();
        await circuit._hub.StartAsync();
        var id = circuit._circuitId = await circuit._hub.InvokeAsync<string?>("StartCircuit", baseUri, circuit.Location, "[]", "");
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidOperationException("The server refused to start the circuit.");
        }
        // What blazor.web.js sends for the prerendered roots: one "add" per server marker, by its order on the page.
        var operations = markers.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker }).ToList();
        await circuit._hub.InvokeAsync("UpdateRootComponents", JsonSerializer.Serialize(new { batchId = 1, operations }), state);
        return circuit;
    }

    private void Listen()
    {
        _hub.On<int, string>("JS.AttachComponent", (componentId, _) =>
        {
            lock (_gate)
            {
                _tree.AttachRoot(componentId);
            }
        });
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            string? error = null;
            try
            {
                var batch = new RenderBatch(data);
                lock (_gate)
                {
                    _tree.Apply(batch);
                    ReleaseWaiters();
                }
            }
            catch (Exception e)
            {
                error = e.Message;
                Errors.Enqueue($"Could not apply render batch {batchId}: {e.Message}");
            }
            await _hub.SendAsync("OnRenderCompleted", batchId, error);
        });
        // (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType)
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", (handle, identifier, argsJson, _, _, _) =>
        {
            JsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            return AnswerAsync(handle, identifier, argsJson);
        });
        // The answer to an event dispatched through the renderer's interop object: a failure is a handler that had gone.
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (_, succeeded, result) =>
        {
            if (!succeeded)
            {
                EventFailures.Enqueue(result.Length > 200 ? result[..200] : result);
                lock (_gate)
                {
                    ReleaseWaiters(); // a wait may be for "done, or the tap was lost"
                }
            }
        });
        _hub.On<string>("JS.Error", message => Errors.Enqueue(message.Length > 200 ? message[..200] : message));
        _hub.Closed += e =>
        {
            if (e is not null)
            {
                Errors.Enqueue($"Connection closed: {e.Message}");
            }
            return Task.CompletedTask;
        };
    }

    private void ReleaseWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Condition(_tree))
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private async Task AnswerAsync(long handle, string identifier, string argsJson)
    {
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            // [rendererId, {"__dotNetObject": N}, ...]: events go to DispatchEventAsync on object N.
            _renderer = JsonDocument.Parse(argsJson).RootElement[1].GetProperty("__dotNetObject").GetInt64();
        }
        if (identifier == "Blazor._internal.navigationManager.navigateTo")
        {
            // The server navigates (NavigateTo): a browser changes its address, then tells the circuit where it is now.
            var target = JsonDocument.Parse(argsJson).RootElement[0].GetString() ?? "";
            await ReplyAsync(handle, true, null);
            await NavigateAsync(target, intercepted: false);
            return;
        }
        await ReplyAsync(handle, true, BrowserAnswers.For(identifier));
    }

    private Task ReplyAsync(long handle, bool succeeded, object? result) =>
        _hub.SendAsync("EndInvokeJSFromDotNet", handle, succeeded, JsonSerializer.Serialize(new object?[] { handle, succeeded, result }));

    /// <summary>In-app navigation, as a tap on a link or the browser's own address change after NavigateTo.</summary>
    public Task NavigateAsync(string target, bool intercepted = true)
    {
        Location = new Uri(new Uri(_baseUri), target).ToString();
        return _hub.SendAsync("OnLocationChanged", Location, null, intercepted);
    }

    /// <summary>
    /// Dispatches a DOM event to the handler the element carries now, as blazor.web.js does: a call of the renderer's
    /// interop object's DispatchEventAsync with the event's descriptor and arguments.
    /// </summary>
    public Task DispatchAsync(ulong handlerId, string eventName, object eventArgs)
    {
        var descriptor = new { eventHandlerId = handlerId, eventName, eventFieldInfo = (object?)null };
        var callId = Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
        return _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _renderer,
            JsonSerializer.Serialize(new object[] { descriptor, eventArgs }));
    }

    // The server's reader refuses unknown properties: exactly MouseEventArgs's.
    public Task ClickAsync(ulong handlerId) => DispatchAsync(handlerId, "click",
        new { detail = 1, screenX = 0, screenY = 0, clientX = 0, clientY = 0, offsetX = 0, offsetY = 0, pageX = 0, pageY = 0, movementX = 0, movementY = 0, button = 0, buttons = 0, ctrlKey = false, shiftKey = false, altKey = false, metaKey = false, type = "click" });

    public Task InputAsync(ulong handlerId, string value) => DispatchAsync(handlerId, "input", new { value });

    /// <summary>Reads the page under the render lock (batches wait while it runs).</summary>
    public T Read<T>(Func<PageTree, T> read)
    {
        lock (_gate)
        {
            return read(_tree);
        }
    }

    /// <summary>
    /// Completes when the page satisfies <paramref name="condition"/> (checked now, after every batch and after every
    /// event the server could not dispatch).
    /// </summary>
    public Task WaitForAsync(Func<PageTree, bool> condition, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_tree))
            {
                return Task.CompletedTask;
            }
            _waiters.Add((condition, done));
        }
        return done.Task.WaitAsync(timeout).ContinueWith(t =>
        {
            if (t.IsFaulted)
            {
                lock (_gate)
                {
                    _waiters.RemoveAll(w => w.Done == done);
                }
                // What the circuit saw meanwhile says why: a lost tap, an error the server reported, a closed connection.
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what} " +
                    $"(taps the server dropped: {EventFailures.Count}; circuit errors: {(Errors.IsEmpty ? "none" : string.Join(" | ", Errors))}).");
            }
        }, TaskScheduler.Default);
    }

    /// <summary>
    /// Taps the element <paramref name="handler"/> finds until the page satisfies <paramref name="done"/>. A tap that
    /// lands as a render replaces the element (the card's visit arriving, a refresh) is dropped by the server, as in a
    /// browser, and the person taps again; a tap the server took is never repeated, so nothing is recorded twice.
    /// </summary>
    public async Task TapUntilAsync(Func<PageTree, ulong?> handler, Func<PageTree, bool> done, TimeSpan timeout, string what, int taps = 3)
    {
        for (var tap = 1; ; tap++)
        {
            var lost = EventFailures.Count;
            var id = Read(handler) ?? throw new TimeoutException($"Nothing to tap for {what}.");
            await ClickAsync(id);
            await WaitForAsync(page => done(page) || EventFailures.Count > lost, timeout, what);
            if (Read(done))
            {
                return;
            }
            if (tap == taps)
            {
                throw new TimeoutException($"{taps} taps for {what} were lost.");
            }
        }
    }

    /// <summary>
    /// Closes the circuit as a closing tab does: tells the server it is done (its disconnect address), so it is freed at
    /// once rather than kept for a reconnection for the retention period (3 minutes by default).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        if (_circuitId is not null)
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = new Uri(_baseUri) };
            using var form = new FormUrlEncodedContent([new("circuitId", _circuitId)]);
            using var answer = await http.PostAsync("_blazor/disconnect/", form);
            if (!answer.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"The server refused to close a circuit: {(int)answer.StatusCode}.");
            }
        }
    }

    [GeneratedRegex("""<!--Blazor:(\{"type":"server".*?\})-->""")]
    private static partial Regex ServerMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->")]
    private static partial Regex ComponentState();
}
