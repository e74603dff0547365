namespace Obscuro.Silo;

/// <summary>Short command-line switches for the settings an operator changes most; any key also works in full (<c>--Obscuro:NodeId=…</c>).</summary>
public static class SiloCommandLine
{
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--node-id"] = "Obscuro:NodeId",
        ["--role"] = "Obscuro:Role",
        ["--tee"] = "Orleans:Metadata:tee",
        ["--data-dir"] = "Obscuro:DataDirectory",
        ["--storage"] = "Obscuro:Storage:Provider",
        ["--cluster-id"] = "Obscuro:Clustering:ClusterId",
        ["--service-id"] = "Obscuro:Clustering:ServiceId",
        ["--silo-port"] = "Obscuro:Clustering:SiloPort",
        ["--gateway-port"] = "Obscuro:Clustering:GatewayPort",
        ["--primary-silo-port"] = "Obscuro:Clustering:PrimarySiloPort",
    };
}
