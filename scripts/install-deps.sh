#!/usr/bin/env bash
# Installs what the devnet and the tests need, idempotently: Debian packages (libsecp256k1-1, redis-server) and the
# pinned npm tools (anvil, solc) into .tools/ (git-ignored). A second run installs nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(libsecp256k1-1 redis-server)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    "${sudo_cmd[@]}" apt-get update -qq >/dev/null
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The Debian package starts a system-wide Redis; tests and the devnet start their own on free ports.
fi

tools="$root/.tools"
mkdir -p "$tools"
if ! cmp -s "$root/scripts/tools.json" "$tools/package.json" || [ ! -x "$tools/node_modules/.bin/anvil" ] || [ ! -e "$tools/node_modules/.bin/solcjs" ]; then
  echo "Installing pinned npm tools into .tools/ (anvil, solc)"
  cp "$root/scripts/tools.json" "$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
