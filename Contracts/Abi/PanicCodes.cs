using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>The codes of Solidity's <c>Panic(uint256)</c>, as documented for the 0.8 compiler.</summary>
public static class PanicCodes
{
    public const ulong Generic = 0x00;
    public const ulong AssertFailed = 0x01;
    public const ulong ArithmeticOverflow = 0x11;
    public const ulong DivisionByZero = 0x12;
    public const ulong InvalidEnumValue = 0x21;
    public const ulong InvalidStorageByteArray = 0x22;
    public const ulong PopOnEmptyArray = 0x31;
    public const ulong IndexOutOfBounds = 0x32;
    public const ulong OutOfMemory = 0x41;
    public const ulong UninitializedFunction = 0x51;

    public static string Describe(UInt256 code) => code.FitsInUInt64 ? (ulong)code switch
    {
        Generic => "generic compiler-inserted panic",
        AssertFailed => "assertion failed (assert)",
        ArithmeticOverflow => "arithmetic overflow or underflow outside an unchecked block",
        DivisionByZero => "division or modulo by zero",
        InvalidEnumValue => "conversion of a value out of range into an enum",
        InvalidStorageByteArray => "access to an incorrectly encoded storage byte array",
        PopOnEmptyArray => "pop() on an empty array",
        IndexOutOfBounds => "array index out of bounds",
        OutOfMemory => "too much memory allocated or an array too large",
        UninitializedFunction => "call of a zero-initialized internal function variable",
        _ => "unknown panic code",
    } : "unknown panic code";
}
