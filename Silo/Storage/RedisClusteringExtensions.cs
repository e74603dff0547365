using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Obscuro.Silo;

/// <summary>Durable membership in Redis (<c>Obscuro:Clustering:Provider = redis</c>).</summary>
internal static class RedisClusteringExtensions
{
    public static ISiloBuilder UseObscuroRedisClustering(this ISiloBuilder builder, ClusteringSettings clustering)
    {
        var connection = builder.Configuration[$"{ObscuroSiloOptions.SectionName}:Storage:Redis"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("Obscuro:Clustering:Provider 'redis' needs the Redis connection string in Obscuro:Storage:Redis (e.g. 127.0.0.1:6379).");
        }

        if (!IPAddress.TryParse(clustering.AdvertisedAddress, out var advertised))
        {
            throw new InvalidOperationException($"Obscuro:Clustering:AdvertisedAddress '{clustering.AdvertisedAddress}' is not an IP address.");
        }

        builder.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = clustering.ClusterId;
            cluster.ServiceId = clustering.ServiceId;
        });
        builder.ConfigureEndpoints(advertised, clustering.SiloPort, clustering.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        return builder.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(connection));
    }
}
