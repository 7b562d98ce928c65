#!/usr/bin/env bash
# CI, on a machine whose own node is older than 22: what a newcomer who follows the README sees.
# 1. `npm ci` on the old node stops at once with a message (engine-strict in .npmrc).
# 2. The README's demo command (`. scripts/node24.sh && npm ci && npm run demo`) serves the top page.
# 3. A bare `npm run demo` on the old node prints what to do and exits 1 (never a segfault).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${OLD_NODE_CHECK_PORT:-3917}
fail() { echo "old-node check: $*" >&2; exit 1; }
echo "old-node check with the machine's node $(node --version)"

set +e
out=$(npm ci --no-audit --no-fund 2>&1); rc=$?
set -e
[ "$rc" -ne 0 ] || fail "npm ci on $(node --version) succeeded; engine-strict should stop it"
grep -q EBADENGINE <<<"$out" || fail "npm ci on the old node did not say EBADENGINE: $out"
echo "  npm ci on the old node: stopped with EBADENGINE (exit $rc)"

log=$(mktemp)
setsid bash -c ". scripts/node24.sh && npm ci --no-audit --no-fund && PORT=$port DATABASE_URL=data/old-node-check.db npm run demo" >"$log" 2>&1 &
demo=$!
stop_demo() { kill -TERM -- "-$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; rm -f data/old-node-check.db*; }
trap stop_demo EXIT
answered=""
for _ in $(seq 1 240); do
  if node -e "fetch('http://127.0.0.1:$port/').then(async r => process.exit(r.status === 200 && (await r.text()).includes('ログイン') ? 0 : 1), () => process.exit(1))"; then
    answered=1; break
  fi
  kill -0 "$demo" 2>/dev/null || break
  sleep 1
done
[ -n "$answered" ] || { cat "$log" >&2; fail "the README's demo command did not serve the top page"; }
echo "  . scripts/node24.sh && npm ci && npm run demo: the top page answered on port $port"
stop_demo
trap - EXIT

set +e
out=$(npm run demo 2>&1); rc=$?
set -e
[ "$rc" -eq 1 ] || fail "npm run demo on the old node exited $rc, not 1: $out"
grep -q 'keizoku needs Node.js 22 or newer' <<<"$out" || fail "npm run demo on the old node did not say what to do: $out"
echo "  npm run demo on the old node: the message, exit 1"
