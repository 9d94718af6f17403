#!/bin/sh
# Regenerate the JSON Schemas that editors use to complete and check record files.
# They are derived from the validator's marshmallow schemas (src/timeline/schema.py),
# so run this after changing that file; tests/test_docs.py fails until you do.
set -eu
cd "$(dirname "$0")/../.."
if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
for kind in event actor campaign settings; do
  "$python" -m timeline schema --kind "$kind" > "docs/schema/$kind.schema.json"
done
