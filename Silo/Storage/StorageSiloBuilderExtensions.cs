using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Obscuro.Silo;

/// <summary>Grain storage (default and <c>PubSubStore</c>) and reminders, in memory or in Redis.</summary>
internal static class StorageSiloBuilderExtensions
{
    public const string PubSubStore = "PubSubStore";

    public static ISiloBuilder AddObscuroStorage(this ISiloBuilder builder, StorageSettings storage)
    {
        if (!string.Equals(storage.Provider, StorageSettings.RedisProvider, StringComparison.OrdinalIgnoreCase))
        {
            // Memory storage serializes state too (a copy per write), so it needs the same serializer as Redis.
            builder.AddMemoryGrainStorageAsDefault(options => options.Configure<Serializer>((memory, serializer) => memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            builder.AddMemoryGrainStorage(PubSubStore, options => options.Configure<Serializer>((memory, serializer) => memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            builder.UseInMemoryReminderService();
            return builder;
        }

        var connection = storage.Redis!;
        builder.AddRedisGrainStorageAsDefault(options => options.Configure<Serializer>((redis, serializer) => Configure(redis, serializer, connection)));
        builder.AddRedisGrainStorage(PubSubStore, options => options.Configure<Serializer>((redis, serializer) => Configure(redis, serializer, connection)));
        builder.UseRedisReminderService(reminders => reminders.ConfigurationOptions = ConfigurationOptions.Parse(connection));
        return builder;
    }

    /// <summary>
    /// The Orleans binary serializer for grain state (memory and Redis alike), chosen before the first durable write:
    /// state types carry <c>[GenerateSerializer]</c>, <c>[Id]</c> and <c>[Alias]</c>, so stored state survives renames
    /// and added fields, and Protocol types (hashes, addresses, amounts) go through their registered surrogates. The
    /// default JSON serializer writes CLR type names and silently stores a <c>Hash256</c> (no public properties) as
    /// zero — a test caught exactly that in the mempool.
    /// </summary>
    private static void Configure(Orleans.Persistence.RedisStorageOptions redis, Serializer serializer, string connection)
    {
        redis.ConfigurationOptions = ConfigurationOptions.Parse(connection);
        redis.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
    }
}
