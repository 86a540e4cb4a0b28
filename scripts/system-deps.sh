#!/usr/bin/env bash
# Debian packages the full test suite uses: R with the `survey` and `jsonlite` packages (live comparisons
# with R exchange JSON) and the fonts/libraries that PDF rendering needs. Tests that need them are skipped
# when they are absent, so this script is optional on a developer machine; CI runs it.
set -euo pipefail
# chromium: the browser tests (tests/web/browser) drive it through Playwright; Playwright's own browser
# downloads are never used.
# npm: installs axe-core (package-lock.json) for the browser tests' accessibility audits (make test runs
# `npm ci`); a NodeSource nodejs already ships npm, so Debian's npm is only asked for when npm is absent.
# wrk: the load generator of benchmarks/web.py (which falls back to a slower Python client).
packages=(r-base-core r-cran-survey r-cran-jsonlite chromium wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${missing[*]} (run this script as root to install them); continuing" >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
