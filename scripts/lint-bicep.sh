#!/usr/bin/env bash
# Builds and lints every Bicep file under infra-bicep/ with the pinned Bicep CLI and fails on any warning or error.
# The CLI exits 0 when it only has warnings (type mismatches included), so this script reads its diagnostics itself.
# The CLI comes from NuGet (Azure.Bicep.CommandLine.linux-x64) into .tools/nuget/ (git-ignored), once.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

version="$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\(.*\)\]".*/\1/p' scripts/bicep/BicepCli.csproj)"
bicep="$root/.tools/nuget/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -x "$bicep" ]; then
  echo "Installing the Bicep CLI $version from NuGet into .tools/nuget/"
  dotnet restore scripts/bicep/BicepCli.csproj --packages "$root/.tools/nuget" --nologo -v quiet >/dev/null
  chmod +x "$bicep"
fi
# The CLI checks for updates and registry modules online; neither is needed here.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 BICEP_TRACING_ENABLED=false

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
files=()
while IFS= read -r -d '' file; do files+=("$file"); done < <(find infra-bicep -type f \( -name '*.bicep' -o -name '*.bicepparam' \) -print0 | sort -z)
if ((${#files[@]} == 0)); then
  echo "lint-bicep: no Bicep files found under infra-bicep/" >&2
  exit 1
fi

status=0
for file in "${files[@]}"; do
  if [[ "$file" == *.bicepparam ]]; then
    "$bicep" build-params "$file" --stdout >/dev/null 2>"$log" || status=1
  else
    "$bicep" build "$file" --stdout >/dev/null 2>"$log" || status=1
    "$bicep" lint "$file" 2>>"$log" >>"$log" || status=1
  fi
  # Diagnostics look like "path(line,col) : Warning rule: message"; any Warning or Error fails the run.
  if grep -Eq ' : (Warning|Error) ' "$log"; then
    sort -u "$log" >&2
    status=1
  fi
done

if ((status != 0)); then
  echo "lint-bicep: FAILED (warnings count as failures)" >&2
  exit 1
fi
echo "lint-bicep: ${#files[@]} file(s) built and linted with Bicep $version, no warnings"
