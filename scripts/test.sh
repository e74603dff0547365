#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds everything (warnings are errors), runs every test project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-deps.sh"
"$root/scripts/lint-bicep.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Obscuro.Orleans.sln -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet test Obscuro.Orleans.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=normal" "$@"
