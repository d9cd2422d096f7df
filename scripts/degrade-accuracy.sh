#!/usr/bin/env bash
# Key accuracy and silent errors per capture condition of the degradation kit (testkit/degrade/):
# clean prints made rough (resolution, contrast, JPEG and blur, skew, light, seals, phone photos),
# each read with real OCR and scored against the truth. The prints are the sample forms', or with
# SYNTH=COUNT those of COUNT forms the generator makes (SEED=… picks them), never seen before.
#   scripts/degrade-accuracy.sh [tesseract|paddle] [CONDITION,…]
# Needs `npm run build` first. CAPTURES=DIR reuses (or keeps) the captures; KEEP=DIR keeps the
# records; DECLX=PATH measures another build's CLI (an earlier checkout) on the same captures.
set -u
ENGINE="${1:-paddle}"
ONLY="${2:-}"
DECLX="$(realpath "${DECLX:-$(dirname "$0")/../bin/declx.js}")"
SHARED="$(cd "$(dirname "$0")/../../shared" 2>/dev/null && pwd)"
SAMPLES="${SAMPLES:-$SHARED/samples}"
TRUTH="${TRUTH:-$SHARED/truth}"
TOOLS="${TOOLS:-$SHARED/tools}"
cd "$(dirname "$0")/.."
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
CAPS="${CAPTURES:-$TMP/captures}"
OUT="${KEEP:-$TMP/out}"
if [ ! -d "$CAPS" ] || [ -z "$(ls -A "$CAPS" 2>/dev/null)" ]; then
  if [ -n "${SYNTH:-}" ]; then
    node dist/testkit/degrade/make-captures.js "$CAPS" --synth "$SYNTH" "${SEED:-1}" $ONLY >/dev/null || exit 1
  else
    node dist/testkit/degrade/make-captures.js "$CAPS" "$SAMPLES" $ONLY >/dev/null || exit 1
  fi
fi
# Generated forms bring their own truth.
if [ -d "$CAPS/truth" ]; then TRUTH="$CAPS/truth"; fi
printf '%-22s %6s %14s %9s %8s %8s\n' condition key points rejected silent s/page
for dir in "$CAPS"/*/; do
  cond="$(basename "$dir")"
  if [ "$cond" = truth ]; then continue; fi
  if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$cond,"* ]]; then continue; fi
  mkdir -p "$OUT/$cond"
  started=$SECONDS
  pages=0
  for stem in $(ls "$dir" | sed -n 's/^\(.*\)-[0-9]*\.[a-z]*$/\1/p' | sort -u); do
    files=("$dir$stem"-*.*)
    pages=$((pages + ${#files[@]}))
    node "$DECLX" extract "${files[@]}" --format json --ocr "$ENGINE" >"$OUT/$cond/$stem.out.json" 2>"$OUT/$cond/$stem.err" || true
    [ -s "$OUT/$cond/$stem.out.json" ] || echo '[]' >"$OUT/$cond/$stem.out.json"
    python3 "$TOOLS/score.py" "$TRUTH/$stem.json" "$OUT/$cond/$stem.out.json" --json >"$OUT/$cond/$stem.score.json" 2>/dev/null
  done
  elapsed=$((SECONDS - started))
  python3 - "$OUT/$cond" "$cond" "$elapsed" "$pages" "$(python3 "$TOOLS/silent.py" "$OUT/$cond" | tail -1)" <<'PY'
import json, os, re, sys
d, cond, elapsed, pages, silent_line = sys.argv[1:]
ok = total = rejected = 0
for name in sorted(os.listdir(d)):
    if not name.endswith('.score.json'): continue
    s = json.load(open(os.path.join(d, name)))
    ok += s['keyCorrect']; total += s['keyTotal']
    out = json.load(open(os.path.join(d, name.replace('.score.json', '.out.json'))))
    if not out: rejected += 1
m = re.search(r'silent key errors (\d+)', silent_line)
print(f"{cond:<22} {ok / total if total else 0:6.4f} {f'{ok}/{total}':>14} {rejected:>9} {m.group(1) if m else '?':>8} {int(elapsed) / max(1, int(pages)):8.1f}")
PY
done
