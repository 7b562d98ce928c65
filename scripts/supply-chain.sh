#!/usr/bin/env bash
# Supply chain (ASVS 5.0 V15.1.2, V15.2.1; SECURITY.md): a CycloneDX SBOM of the runtime
# dependencies, and npm audit against them. Run by .ci/run after `npm ci`; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p out
npm sbom --sbom-format cyclonedx --omit=dev --package-lock-only > out/sbom.cdx.json
echo "supply chain: SBOM (CycloneDX, runtime dependencies from package-lock.json) written to $(pwd)/out/sbom.cdx.json"

audit_log=$(mktemp)
trap 'rm -f "$audit_log"' EXIT
if npm audit --omit=dev --audit-level=high > "$audit_log" 2>&1; then
  echo "supply chain: npm audit: no high or critical advisory in the runtime dependencies"
elif grep -qE 'audit endpoint returned an error|code E(NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT|AI_AGAIN)|network request .* failed' "$audit_log"; then
  # The registry answered nothing we can judge: say so plainly, and do not fail the build for it.
  echo "supply chain: npm audit NOT RUN: the registry's audit endpoint cannot be reached from here ($(grep -m1 -oE '[0-9]{3} [A-Za-z ]+ - POST [^ ]+|code E[A-Z_]+' "$audit_log" || echo 'no answer')); check advisories elsewhere (SECURITY.md)"
else
  cat "$audit_log"
  echo "supply chain: npm audit found a high or critical advisory in a runtime dependency: fix it within the time frame SECURITY.md sets" >&2
  exit 1
fi
