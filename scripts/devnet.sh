#!/usr/bin/env bash
# The local devnet: installs what it needs, then runs the devnet host until Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-deps.sh"

l1_port="${OBSCURO_L1_PORT:-8545}"
anvil="$root/.tools/node_modules/.bin/anvil"

echo "Starting the L1: anvil on http://127.0.0.1:${l1_port} (chain id 31337, 2-second blocks)"
"$anvil" --port "$l1_port" --block-time 2 --silent &
anvil_pid=$!
cleanup() { kill "$anvil_pid" 2>/dev/null || true; wait "$anvil_pid" 2>/dev/null || true; echo "Devnet stopped."; }
trap cleanup EXIT
trap 'exit 130' INT TERM

cat <<MSG

Not built yet, so not started: the management contracts' deployment, the Obscuro aggregators and verifier (Orleans
silos), the demo workload and the live status view. Today this devnet is only the L1; see the open issues.

L1 JSON-RPC: http://127.0.0.1:${l1_port}   (Ctrl-C stops it)
MSG
wait "$anvil_pid"
