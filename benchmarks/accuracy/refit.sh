#!/bin/sh
# Refit the linkage model on every labelled corpus and score it leave-one-organisation-out
# (docs/linkage.md, "Fitting the model"), all in one folder WORK:
#   WORK/pairs.jsonl, WORK/loo/        first pass: pairs and one model per held-out corpus
#   WORK/pairs2.jsonl, WORK/loo2/      second pass (structure levels) over the first-pass models
#   WORK/loo.json                      score.py --json of every organisation by the model that never saw it, from 0.0
#                                      (read it with thresholds.py)
#   WORK/real.json                     realworld.py of the real help centres, the same way, at 0.5
# With WRITE=1 the shipped model (consistency_check/engine/weights.json) and benchmarks/accuracy/loo/ are rewritten.
# Run from any copy of the tree: that copy's code is the one fitted and scored. Extra arguments go to fit.py.
# Usage: sh benchmarks/accuracy/refit.sh WORK [fit.py options]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TREE=$(cd "$HERE/../.." && pwd)
PY=${PY:-$TREE/.venv/bin/python}
SHARED=${SHARED:-$TREE/../shared}
WORK=$1
shift
mkdir -p "$WORK"
PYTHONPATH=$TREE
export PYTHONPATH
ORGS="$HERE/airline $HERE/bank $HERE/hotel $HERE/insurer $HERE/retail $HERE/telecom $HERE/utility"
for d in "$HERE"/unseen/*/; do ORGS="$ORGS ${d%/}"; done
REAL=""
for d in "$SHARED"/real-world/*/; do REAL="$REAL ${d%/}"; done
# shellcheck disable=SC2086
"$PY" "$HERE/pairs.py" "$WORK/pairs.jsonl" $ORGS $REAL > "$WORK/pairs.log"
"$PY" "$HERE/fit.py" "$WORK/pairs.jsonl" --real-weight 2.5 --loo-dir "$WORK/loo" "$@" > "$WORK/fit.log"
# shellcheck disable=SC2086
"$PY" "$HERE/pairs.py" --stage1 "$WORK/loo" "$WORK/pairs2.jsonl" $ORGS $REAL > "$WORK/pairs2.log"
if [ "${WRITE:-0}" = 1 ]; then
    "$PY" "$HERE/fit.py" "$WORK/pairs2.jsonl" --real-weight 2.5 --stage1-dir "$WORK/loo" --loo-dir "$WORK/loo2" --write "$@" > "$WORK/fit2.log"
    rm -f "$HERE"/loo/*.json
    cp "$WORK"/loo2/*.json "$HERE/loo/"
else
    "$PY" "$HERE/fit.py" "$WORK/pairs2.jsonl" --real-weight 2.5 --stage1-dir "$WORK/loo" --loo-dir "$WORK/loo2" "$@" > "$WORK/fit2.log"
fi
# shellcheck disable=SC2086
"$PY" "$HERE/score.py" --json --engine linkage --min-confidence 0.0 --weights-dir "$WORK/loo2" $ORGS > "$WORK/loo.json"
# shellcheck disable=SC2086
"$PY" "$TREE/benchmarks/realworld.py" --json --min-confidence 0.5 --weights-dir "$WORK/loo2" $REAL > "$WORK/real.json"
"$PY" "$HERE/thresholds.py" "$WORK/loo.json"
