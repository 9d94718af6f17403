#!/bin/sh
# Rebuilds the scripts the app serves from src/timeline/app/static/ (see build.js):
# Plotly with only the trace types the figure builders use (instead of the full
# 4.8 MB bundle) and the regenerator runtime (instead of Babel's whole polyfill), with
# their licences. Needs node and npm; run it after changing entry.js or a pinned
# version in package.json, and commit the result (node_modules stays out of git).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
static="$here/../../src/timeline/app/static"
cd "$here"
npm ci --no-audit --no-fund
node build.js "$static"
cp node_modules/plotly.js/LICENSE "$static/plotly-partial.LICENSE.txt"
cp node_modules/plotly.js/LICENSE "$static/plotly-basic.LICENSE.txt"
cp node_modules/regenerator-runtime/LICENSE "$static/regenerator-runtime.LICENSE.txt"
ls -l "$static"
