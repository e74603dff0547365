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
            builder.AddMemoryGrainStorageAsDefault();
            builder.AddMemoryGrainStorage(PubSubStore);
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
    /// The Orleans binary serializer for grain state, chosen before the first durable write: state types carry
    /// <c>[GenerateSerializer]</c>, <c>[Id]</c> and <c>[Alias]</c>, so stored state survives renames and added fields,
    /// and Protocol types (hashes, addresses, amounts) go through their registered surrogates. The default JSON
    /// serializer would write CLR type names and need converters for those types.
    /// </summary>
    private static void Configure(Orleans.Persistence.RedisStorageOptions redis, Serializer serializer, string connection)
    {
        redis.ConfigurationOptions = ConfigurationOptions.Parse(connection);
        redis.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
    }
}
