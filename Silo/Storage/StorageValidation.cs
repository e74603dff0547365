using StackExchange.Redis;

namespace Obscuro.Silo;

/// <summary>Checks <c>Obscuro:Storage</c> and the storage needs of <c>Obscuro:Clustering</c>.</summary>
internal static class StorageValidation
{
    public static IEnumerable<string> Validate(StorageSettings storage, ClusteringSettings clustering)
    {
        var isMemory = string.Equals(storage.Provider, StorageSettings.Memory, StringComparison.OrdinalIgnoreCase);
        var isRedis = string.Equals(storage.Provider, StorageSettings.RedisProvider, StringComparison.OrdinalIgnoreCase);
        if (!isMemory && !isRedis)
        {
            yield return $"Obscuro:Storage:Provider '{storage.Provider}' is not one of 'memory', 'redis'.";
        }

        var redisClustering = string.Equals(clustering.Provider, ClusteringSettings.RedisProvider, StringComparison.OrdinalIgnoreCase);
        if (isRedis || redisClustering)
        {
            var users = isRedis ? "Obscuro:Storage:Provider 'redis'" : "Obscuro:Clustering:Provider 'redis'";
            if (string.IsNullOrWhiteSpace(storage.Redis))
            {
                yield return $"{users} needs the Redis connection string in Obscuro:Storage:Redis (e.g. 127.0.0.1:6379).";
            }
            else if (ParseError(storage.Redis) is { } error)
            {
                yield return $"Obscuro:Storage:Redis is not a valid Redis connection string: {error}";
            }
        }
    }

    /// <summary>The parse error, without the connection string (it may hold a password).</summary>
    private static string? ParseError(string connectionString)
    {
        try
        {
            var options = ConfigurationOptions.Parse(connectionString);
            return options.EndPoints.Count == 0 ? "it names no endpoint (host:port)." : null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Replace(connectionString, "(connection string)", StringComparison.Ordinal);
        }
    }
}
