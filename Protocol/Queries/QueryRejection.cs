namespace Obscuro.Protocol.Queries;

/// <summary>Why a query was refused. The enclave answers refusals unencrypted only when it cannot know whom to encrypt to.</summary>
public enum QueryRejection : byte
{
    None = 0,
    NotDecryptable,
    Malformed,
    WrongChain,
    InvalidGrant,
    GrantForAnotherAccount,
    InvalidSignature,
    UnsupportedKind,
}
