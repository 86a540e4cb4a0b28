#!/usr/bin/env bash
# Refresh the browser libraries the web platform serves (src/observatoire/web/static/vendor/).
#
# The output is committed, so there is no front-end build step: run this only to change a version, then
# commit the files and VENDOR.md it writes. Each package comes from the npm registry through `npm pack`
# (the published tarball, no install scripts run); only its minified browser build and its licence are kept.
set -euo pipefail
cd "$(dirname "$0")/.."

# package@version  file inside the tarball  name served under static/vendor/
assets=(
  "htmx.org@2.0.11     package/dist/htmx.min.js               htmx.min.js"
  "vega@6.4.0          package/build/vega.min.js              vega.min.js"
  "vega-lite@6.5.0     package/build/vega-lite.min.js         vega-lite.min.js"
  "vega-embed@7.3.0    package/build/vega-embed.min.js        vega-embed.min.js"
)

dest=src/observatoire/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest/licenses"

{
  echo "# Vendored browser libraries"
  echo
  echo "Written by \`scripts/vendor_assets.sh\` (do not edit by hand): the minified browser builds of these npm"
  echo "packages, served as they are published. Licences are in \`licenses/\`."
  echo
  echo "| file | package | version | licence | sha256 |"
  echo "|---|---|---|---|---|"
} >"$work/VENDOR.md"

for line in "${assets[@]}"; do
  read -r spec inner name <<<"$line"
  package=${spec%@*}
  version=${spec##*@}
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tarball=$(ls "$work"/*.tgz)
  mkdir -p "$work/$package"
  tar -xzf "$tarball" -C "$work/$package"
  rm "$tarball"
  cp "$work/$package/$inner" "$dest/$name"
  cp "$work/$package/package/LICENSE" "$dest/licenses/$package.txt"
  licence=$(node -p "require('$work/$package/package/package.json').license")
  sum=$(sha256sum "$dest/$name" | cut -d' ' -f1)
  echo "| \`$name\` | [$package](https://www.npmjs.com/package/$package) | $version | $licence | \`$sum\` |" >>"$work/VENDOR.md"
done

cat >>"$work/VENDOR.md" <<'NOTE'

`vega-embed` bundles `vega-interpreter`: `static/js/charts.js` renders with `ast: true` so that Vega
expressions are interpreted, not compiled with `new Function` (the content security policy has no
`unsafe-eval`), and with `defaultStyle: false` (no injected `<style>`: no `unsafe-inline`).
NOTE
cp "$work/VENDOR.md" "$dest/VENDOR.md"
echo "vendor_assets: $(ls "$dest"/*.js | wc -l) files in $dest"
