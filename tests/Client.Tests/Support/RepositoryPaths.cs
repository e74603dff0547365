namespace Obscuro.Client.Tests.Support;

/// <summary>Locates the repository root (the folder holding Obscuro.Orleans.sln) from the test binaries.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Anvil => Path.Combine(Root, ".tools", "node_modules", ".bin", "anvil");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Obscuro.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Obscuro.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
