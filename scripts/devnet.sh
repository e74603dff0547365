#!/usr/bin/env bash
# The local devnet: installs what it needs, builds, then runs the devnet until Ctrl-C (see Silo/Devnet/DevnetCommand.cs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-deps.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Silo/Obscuro.Silo.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet Silo/bin/Release/net10.0/Obscuro.Silo.dll devnet "$@"
