using System.Runtime.Versioning;

// The clusters under test share two cores; running them one at a time keeps response timeouts meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The simulated TEE keeps its keys in owner-only files, a Unix notion.
[assembly: UnsupportedOSPlatform("windows")]
