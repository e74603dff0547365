using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Protocol.Tests.Ethereum.Transactions;

/// <summary>
/// Transactions signed here with fixed keys and sent to anvil 1.7.1 (chain 31337, Prague) with
/// eth_sendRawTransaction; anvil accepted each and reported the same hash and "from" as this code, returned the same
/// bytes from eth_getRawTransactionByHash, and applied both EIP-7702 authorizations (the authorities' code became
/// 0xef0100 ‖ delegate). The blob transaction was sent in network form with the all-zero blob, whose KZG commitment
/// and proof are the point at infinity; these are its canonical (block) bytes. Anvil mined them into blocks 1–7.
/// </summary>
public static class AnvilVectors
{
    public const ulong ChainId = 31337;

    /// <summary>Sender of every vector: the EIP-155 example key, 0x46 repeated.</summary>
    public static readonly byte[] SenderKey = Key(0x46);
    public static readonly Address Sender = Address.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F");

    /// <summary>The two EIP-7702 authorities (keys 0x11… and 0x22…).</summary>
    public static readonly byte[] AuthorityKeyB = Key(0x11);
    public static readonly byte[] AuthorityKeyC = Key(0x22);
    public static readonly Address AuthorityB = Address.Parse("0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A");
    public static readonly Address AuthorityC = Address.Parse("0x1563915e194D8CfBA1943570603F7606A3115508");

    public static readonly Address Recipient = Address.Parse("0x3535353535353535353535353535353535353535");
    public static readonly Address OtherAddress = Address.Parse("0x00000000000000000000000000000000000000aa");

    public static readonly AccessListItem[] AccessList =
    [
        new(Recipient, [Hash256.Zero, Hash256.Parse("0x0000000000000000000000000000000000000000000000000000000000000007")]),
        new(OtherAddress, []),
    ];

    /// <summary>Init code that stores 42 at memory 0 and emits LOG2(mem[0..32], keccak("Obscuro(uint256)"), 0x11…11), deploying nothing.</summary>
    public static readonly byte[] LogEmittingInitCode = Hex.Decode(
        "0x602a6000527f11111111111111111111111111111111111111111111111111111111111111117f" +
        "2e8f8e47b1431ada6364ecc028ba7d65a74b2aab98c886180fe6e9096dbe911a60206000a200");

    public static readonly Hash256 BlobVersionedHash = Hash256.Parse("0x010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014");

    private static readonly UInt256 Gwei = new(1_000_000_000);

    public const string Legacy155Raw =
        "0xf86e808504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008082f4f5a0b8cb5c51a3ff6de3b7b8" +
        "c5fd131d48e47368be6a3e5f638553d16a7ebef5cf36a06980d9d40b8fd5f3bd91f29dfdd570356b2a7fddf616c22170924fce24ddd791";
    public const string Legacy155Hash = "0xf6a7d8dfe2fd43ed0278117e2a8291e79f58bd84ce222d9ce850c6e1a324fdad";

    public const string LegacyPre155Raw =
        "0xf866018504a817c800825208943535353535353535353535353535353535353535823039801ca0a3ea6d33cfec8c21f394c143969c176303c6" +
        "570cd9c205afffc9e456ecef625aa05fa63495fb2f664b44128c01175a1bc82b127e97637d0c346374dde27651f65c";
    public const string LegacyPre155Hash = "0xf01c9fb043e5f27f124a685fee8e5970c44565d77d9af47584f968649fdf9662";

    public const string AccessListRaw =
        "0x01f8e0827a69028504a817c80082ea6094353535353535353535353535353535353535353582030984deadbeeff872f8599435353535353535" +
        "35353535353535353535353535f842a00000000000000000000000000000000000000000000000000000000000000000a0000000000000000000" +
        "0000000000000000000000000000000000000000000007d69400000000000000000000000000000000000000aac001a0c058bc63f9ec2b680216" +
        "439944ecd08fefdfbf24e7293f9a48b7b0feead809989fb563a4736ab7cf835978b80c383f4caf4acb3f76f01fedb5fa01704c80b03e";
    public const string AccessListHash = "0x24f4197efd394dc902633e130048dab173e5be8e5018b036f347035bd05f67f8";

    public const string DynamicFeeRaw =
        "0x02f8ea827a6903843b9aca008506fc23ac0082ea6094353535353535353535353535353535353535353587038d7ea4c6800083010203f872f8" +
        "59943535353535353535353535353535353535353535f842a00000000000000000000000000000000000000000000000000000000000000000a0" +
        "0000000000000000000000000000000000000000000000000000000000000007d69400000000000000000000000000000000000000aac001a083" +
        "b188c53eb1e46cfef869345aaf7e7a7d7a72ed5a931083084fa232c090b0fda02b78b595eda6d2992074109517a91536de043738ba4e3b85ee14" +
        "eca4faa8a380";
    public const string DynamicFeeHash = "0x448e4d1cf573b697f87cffad46a06ac97ac07ef5b9a9e57056c1de973e71ee21";

    public const string DynamicFeeCreateRaw =
        "0x02f8a8827a6904843b9aca008506fc23ac00830186a08080b84d602a6000527f11111111111111111111111111111111111111111111111111" +
        "111111111111117f2e8f8e47b1431ada6364ecc028ba7d65a74b2aab98c886180fe6e9096dbe911a60206000a200c001a061b6277a9c72406610" +
        "054376790387620d5bc3b0876e1a1765a21447849ba5c2a065689fcb00330e0fc4b0f96724ddc5378f33098e7b5c28902243825b2949e771";
    public const string DynamicFeeCreateHash = "0xf41146479fc690e3b0c09521ee58d3cb879b1850fa50f2f5cd263c6f9aceaf1d";

    public const string SetCodeRaw =
        "0x04f9012a827a6905843b9aca008506fc23ac00830186a09435353535353535353535353535353535353535358080c0f8baf85c827a69940000" +
        "0000000000000000000000000000000000aa8080a0f7a932b165aa2541155a9d54ebf4370d1836239e011476d495f60bd6bf198194a025563802" +
        "7a3786af6d88681b17065ac5c0ecc2ade5d58ac6ea2a5443ce6acc94f85a809400000000000000000000000000000000000000bb8080a080a755" +
        "95d012ebc12fb3c59b3c2111032a2efb3f514e6cbd30a4e0fc7e4be88fa048128302039d9c48a63d98d097aa938e81b9bf038338571a4a6992dc" +
        "b69f89de80a0cffed813eab1bf187555ef6ce5c0462cf8a1ba93c2e6c71375893a561ab2ebdfa01b49ef4bffd6d4e86686edad429aa906534603" +
        "af9f82d39217fbfb8e122203c3";
    public const string SetCodeHash = "0xe419825f5f012fcd31e2eb0ae52c3a8fe382723d7395a737fd5621e474231273";

    public const string BlobRaw =
        "0x03f894827a6906843b9aca008506fc23ac0082c3509435353535353535353535353535353535353535350580c0843b9aca00e1a0010657f375" +
        "54c781402a22917dee2f75def7ab966d7b770905398eba3c44401480a0a572026c7976133912ec84502f5317a97db770364525b6effc9e402f5e" +
        "5d529ca04e56bc7875021f2ad2e0d839096961bbe874487638cf5b35127f305113d54108";
    public const string BlobHash = "0xf2fbf8c209660c340bf0ed86786c35fafaeb55e2830888ea9742cfa946bad2fc";
    /// <summary>The vectors rebuilt from their fields, unsigned.</summary>
    public static Transaction BuildUnsigned(string name) => name switch
    {
        nameof(Legacy155Raw) => new LegacyTransaction(0, Gwei * 20, 21_000, Recipient, UInt256.Parse("1000000000000000000"), ReadOnlyMemory<byte>.Empty, ChainId),
        nameof(LegacyPre155Raw) => new LegacyTransaction(1, Gwei * 20, 21_000, Recipient, 12_345, ReadOnlyMemory<byte>.Empty, chainId: null),
        nameof(AccessListRaw) => new AccessListTransaction(ChainId, 2, Gwei * 20, 60_000, Recipient, 777, new byte[] { 0xde, 0xad, 0xbe, 0xef }, AccessList),
        nameof(DynamicFeeRaw) => new DynamicFeeTransaction(ChainId, 3, Gwei, Gwei * 30, 60_000, Recipient, UInt256.Parse("1000000000000000"), new byte[] { 1, 2, 3 }, AccessList),
        nameof(DynamicFeeCreateRaw) => new DynamicFeeTransaction(ChainId, 4, Gwei, Gwei * 30, 100_000, null, UInt256.Zero, LogEmittingInitCode, []),
        nameof(SetCodeRaw) => new SetCodeTransaction(ChainId, 5, Gwei, Gwei * 30, 100_000, Recipient, UInt256.Zero, ReadOnlyMemory<byte>.Empty, [],
            [
                Authorization.Sign(ChainId, OtherAddress, 0, AuthorityKeyB),
                Authorization.Sign(UInt256.Zero, Address.Parse("0x00000000000000000000000000000000000000bb"), 0, AuthorityKeyC),
            ]),
        nameof(BlobRaw) => new BlobTransaction(ChainId, 6, Gwei, Gwei * 30, 50_000, Recipient, 5, ReadOnlyMemory<byte>.Empty, [], Gwei, [BlobVersionedHash]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such vector."),
    };

    public static TheoryData<string, string, string, TransactionType> All => new()
    {
        { nameof(Legacy155Raw), Legacy155Raw, Legacy155Hash, TransactionType.Legacy },
        { nameof(LegacyPre155Raw), LegacyPre155Raw, LegacyPre155Hash, TransactionType.Legacy },
        { nameof(AccessListRaw), AccessListRaw, AccessListHash, TransactionType.AccessList },
        { nameof(DynamicFeeRaw), DynamicFeeRaw, DynamicFeeHash, TransactionType.DynamicFee },
        { nameof(DynamicFeeCreateRaw), DynamicFeeCreateRaw, DynamicFeeCreateHash, TransactionType.DynamicFee },
        { nameof(SetCodeRaw), SetCodeRaw, SetCodeHash, TransactionType.SetCode },
        { nameof(BlobRaw), BlobRaw, BlobHash, TransactionType.Blob },
    };

    private static byte[] Key(byte fill) => Enumerable.Repeat(fill, 32).ToArray();
}
