using System.Runtime.Versioning;

// The simulated TEE and the Azure CVM TEE keep their keys in owner-only files, a Unix notion.
[assembly: UnsupportedOSPlatform("windows")]
