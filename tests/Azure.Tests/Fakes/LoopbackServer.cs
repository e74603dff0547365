using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>Starts a Kestrel minimal API on 127.0.0.1 with a random port (HTTPS when given a certificate).</summary>
internal static class LoopbackServer
{
    public static async Task<(WebApplication App, Uri BaseUri)> StartAsync(Action<WebApplication> map, X509Certificate2? tls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls is not null)
            {
                listen.UseHttps(tls);
            }
        }));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        return (app, new Uri(address.GetLeftPart(UriPartial.Authority)));
    }
}
