using System.Net;
using System.Net.Sockets;

namespace RetailRecs.Web.Components.Account;

/// <summary>The client a request comes from, as the sign-in throttle and the audit trail name it.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The connection's address (the real client's once forwarded headers are applied). An IPv6 client is named by its
    /// /64 network: one household or device gets a whole /64, so throttling single addresses would be no throttle.
    /// </summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
