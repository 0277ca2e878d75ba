#!/usr/bin/env bash
# Retrain the German and English taggers and parsers on one GPU, both languages in
# parallel, with train.py's GPU recipe (--profile gpu): per language the tagger, then the
# parser's data retagged by that tagger, then the parser. Every training run stops by a
# wall-clock budget and keeps its best dev checkpoint; a hard timeout stops what is left.
# The float16 pos.pt and depparse.pt, the logs and the dev/test scores are packed into
# $OUT as <lang>.tgz.partNN (15 MiB pieces): reassemble with
#   cat de.tgz.part* | tar xzf - -C <dir>
#
# Usage (files next to this script: train.py, timed_run.py, optionally wheels/ and shared/ud):
#   OUT=<folder> [BUDGET=455] [POS_LIMIT=140] [HARD=505] [PY=python3] [SHARED=<dir with ud/>] \
#     bash training/gpu_run.sh [extra train.py options, e.g. --max-steps 2 for a smoke test]
# BUDGET: seconds for each language's train.py (its last training stops 45 s before);
# POS_LIMIT: seconds for the tagger's training loop (the parser gets the rest);
# HARD: seconds from the start of this script after which training is killed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PY:-python3}
OUT=${OUT:?set OUT to the folder for the results}
BUDGET=${BUDGET:-455}
POS_LIMIT=${POS_LIMIT:-140}
HARD=${HARD:-505}
SHARED=${SHARED:-$HERE/shared}
WHEELS=${WHEELS:-$HERE/wheels}
WORK=${WORK:-/tmp/ec-gpu}
T0=$(date +%s)
el() { echo $(( $(date +%s) - T0 )); }
mkdir -p "$WORK" "$OUT"
if [ -d "$WHEELS" ]; then
  "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target "$WORK/site" "$WHEELS"/*.whl || { echo "pip install failed"; exit 3; }
  export PYTHONPATH="$WORK/site${PYTHONPATH:+:$PYTHONPATH}"
fi
export PYTHONUNBUFFERED=1
"$PY" -c "import torch, stanza; c = torch.cuda.is_available(); print('torch', torch.__version__, 'cuda', c, torch.cuda.get_device_name(0) if c else '-', 'stanza', stanza.__version__)" || exit 4
echo "setup done at $(el) s"
LEFT=$(( HARD - $(el) ))
for L in de en; do
  ( timeout -k 5 "$LEFT" "$PY" "$HERE/train.py" "$L" --profile gpu --shared "$SHARED" \
      --work "$WORK/w-$L" --steps pos,depparse --threads 4 --budget "$BUDGET" --time-limit "pos=$POS_LIMIT" \
      --install-dir "$WORK/m-$L" "$@" > "$WORK/train-$L.out" 2>&1
    echo "train.py exit $? at $(el) s" >> "$WORK/train-$L.out" ) &
done
wait
echo "training done at $(el) s"
for L in de en; do
  M="$WORK/m-$L"
  if [ ! -f "$M/pos.pt" ] || [ ! -f "$M/depparse.pt" ]; then  # killed: convert what was saved
    "$PY" "$HERE/train.py" "$L" --work "$WORK/w-$L" --install-only --steps pos,depparse --shared "$SHARED" \
      --install-dir "$M" >> "$WORK/train-$L.out" 2>&1
  fi
  P="$WORK/pack-$L"
  rm -rf "$P" && mkdir -p "$P"
  cp "$M"/*.pt "$P"/ 2>/dev/null
  cp "$WORK/train-$L.out" "$P"/
  gzip -c "$WORK/w-$L/train-$L.log" > "$P/train-$L.log.gz" 2>/dev/null
  grep -hE "running |dev_score|Best dev|Training ended|time limit|Early termination|Switching|UPOS|LAS|Error|rror:" \
    "$WORK/w-$L/train-$L.log" > "$P/scores-$L.txt" 2>/dev/null
  tar czf - -C "$P" . | split -b 15m -d - "$OUT/$L.tgz.part"
  echo "== $L: $(ls "$M" 2>/dev/null | tr '\n' ' ')"
  tail -n 4 "$WORK/train-$L.out"
  grep -hE "dev_score" "$WORK/w-$L/train-$L.log" 2>/dev/null | sed -E "s/.*step ([0-9]+):.*dev_score = ([0-9.]+).*/\1:\2/" | tr "\n" " " | tail -c 1500
  echo
  grep -hE "Best dev|Training ended|time limit reached: training|Switching" "$WORK/w-$L/train-$L.log" 2>/dev/null | cut -c1-160
  grep -h "done in" "$WORK/train-$L.out" | sed -E 's/^[0-9-]+ //; s/,[0-9]+ / /; s/stanza\.(utils\.)?//'
  for S in dev test; do
    echo "$S (pos, then depparse):"
    grep -hA3 "Finished running $S set" "$WORK/w-$L/train-$L.log" 2>/dev/null | grep -vE "Finished|Ecnews|^--"
  done
done
ls -l "$OUT"
echo "all done at $(el) s"
