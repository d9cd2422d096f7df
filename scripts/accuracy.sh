#!/usr/bin/env bash
# Opt-in accuracy run over the scan samples (slow: real OCR of every page).
#   scripts/accuracy.sh [tesseract|paddle]
# Prints score.py's last line per sample. Needs `npm run build` first.
set -u
ENGINE="${1:-tesseract}"
SAMPLES="${SAMPLES:-/work/shared/samples}"
TRUTH="${TRUTH:-/work/shared/truth}"
SCORE="${SCORE:-/work/shared/tools/score.py}"
# KEEP=DIR keeps the records (and stderr) per sample in DIR for a closer look.
if [ -n "${KEEP:-}" ]; then OUT="$KEEP"; mkdir -p "$OUT"; else OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT; fi
cd "$(dirname "$0")/.."

run() { # name truth files...
  local name="$1" truth="$2" file
  shift 2
  file="$OUT/$(printf '%s' "$name" | tr -c 'A-Za-z0-9.-' '_')"
  local started=$SECONDS
  if node bin/declx.js extract "$@" --format json --ocr "$ENGINE" >"$file.json" 2>"$file.err"; then :; fi
  printf '%-28s %4ss  %s\n' "$name" "$((SECONDS - started))" "$(python3 "$SCORE" "$TRUTH/$truth.json" "$file.json" 2>&1 | tail -1)"
}

for n in 1 2 3 4; do run "seed$n.scan.pdf" "seed$n" "$SAMPLES/seed$n.scan.pdf"; done
run "seed2.scan-1.jpg" seed2 "$SAMPLES/seed2.scan-1.jpg"
for n in 1 3 4; do run "pages/seed$n.scan-*.jpg" "seed$n" "$SAMPLES"/pages/seed$n.scan-*.jpg; done
run "seed2.scan150.jpg" seed2 "$SAMPLES/seed2.scan150.jpg"

# DEGRADE=1 adds the degradation kit's table: key accuracy and silent errors per capture condition.
if [ -n "${DEGRADE:-}" ]; then echo; bash scripts/degrade-accuracy.sh "$ENGINE"; fi
