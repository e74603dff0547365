namespace Obscuro.Silo;

/// <summary>Configuration section <c>Obscuro:Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Memory = "memory";
    public const string RedisProvider = "redis";

    /// <summary>
    /// Grain storage and reminders: <c>memory</c> (devnet and tests; lost when a silo stops) or <c>redis</c> (durable:
    /// grain state, stream pub-sub state and reminders in the Redis at <see cref="Redis"/>).
    /// </summary>
    public string Provider { get; set; } = Memory;

    /// <summary>
    /// StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>, or with <c>password=…,ssl=true</c>), used by
    /// Redis storage, reminders and Redis clustering. It may hold a password, so no message repeats it.
    /// </summary>
    public string? Redis { get; set; }
}
