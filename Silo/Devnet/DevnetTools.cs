namespace Obscuro.Silo.Devnet;

/// <summary>
/// Finds the pinned tools that <c>scripts/install-deps.sh</c> installs into the repository's <c>.tools/</c>: walks up from
/// the executable to the folder holding <c>scripts/tools.json</c>. <c>OBSCURO_ANVIL</c> overrides the anvil path.
/// </summary>
public static class DevnetTools
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "tools.json"))) return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find the repository (scripts/tools.json) above " + AppContext.BaseDirectory + "; run the devnet from a checkout.");
    }

    public static string Anvil()
    {
        var overridden = Environment.GetEnvironmentVariable("OBSCURO_ANVIL");
        var path = string.IsNullOrEmpty(overridden) ? Path.Combine(RepositoryRoot(), ".tools", "node_modules", ".bin", "anvil") : overridden;
        return File.Exists(path) ? path : throw new InvalidOperationException($"anvil is not installed at {path}; run ./scripts/install-deps.sh.");
    }
}
