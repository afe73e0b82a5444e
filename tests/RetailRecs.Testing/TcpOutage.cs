using System.Net;
using System.Net.Sockets;

namespace RetailRecs.Testing;

/// <summary>
/// A loopback port that forwards to a database server and can go down and come back, as the server does when it
/// restarts: <see cref="Down"/> resets every open connection and refuses new ones; <see cref="Up"/> accepts again on
/// the same port. Lets a test restart "the server" without stopping one that other tests share.
/// </summary>
public sealed class TcpOutage : IDisposable
{
    private readonly IPEndPoint _server;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpOutage(string host, int port)
    {
        _server = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        Port = RetailRecsWebFactory.FreePort();
        Up();
    }

    /// <summary>The port to connect to instead of the server's.</summary>
    public int Port { get; }

    public void Up()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    public void Down()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    client.Client?.LingerState = new LingerOption(true, 0); // a reset, as from a server process that died
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient app;
            try
            {
                app = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_server, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                app.Dispose();
                server.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(app);
                _open.Add(server);
            }
            _ = PumpAsync(app, server, ct);
            _ = PumpAsync(server, app, ct);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), ct);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public void Dispose() => Down();
}
