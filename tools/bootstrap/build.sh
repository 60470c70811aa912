#!/bin/sh
# Rebuild static/vendor/bootstrap/bootstrap.min.css from Bootstrap's SCSS with only the parts in
# tools/bootstrap/groundwork.scss. Needs Node and npm; installs into a throwaway folder, so the
# project keeps no node_modules. Run from anywhere: tools/bootstrap/build.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../static/vendor/bootstrap/bootstrap.min.css"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent bootstrap@5.3.9 sass@1.108.2
cp "$here/groundwork.scss" .
npx sass --load-path=node_modules --style=compressed --no-source-map \
    --silence-deprecation=import --silence-deprecation=global-builtin \
    --silence-deprecation=color-functions --quiet-deps \
    groundwork.scss "$out"
echo "Wrote $out ($(wc -c <"$out") bytes)."
