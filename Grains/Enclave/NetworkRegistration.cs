using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>The network key as NetworkManagement stored it at initialisation, and the enclave that initialised it.</summary>
public sealed record NetworkRegistration(Address InitializedBy, Address NetworkAddress, byte[] NetworkPublicKey);
