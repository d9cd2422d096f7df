#!/usr/bin/env bash
# Accuracy and silence, opt-in (slow: real OCR of every scanned page, and a generated corpus).
#   scripts/accuracy.sh [tesseract|paddle]
# For every sample in $SAMPLES (typed and scanned) and for a generated corpus of $FORMS forms per
# typed kind (text, html, pdf; testkit/synth, with their truth): field and key accuracy from
# score.py --json, and key fields wrong with no issue on them from silent.py.
# Needs `npm run build` first. TYPED_ONLY=1 leaves the scans out; KEEP=DIR keeps every output
# (NAME.out.json, NAME.score.json, stderr) in DIR for a closer look. DECLX=PATH measures another
# build's CLI (an earlier checkout) on the same inputs. FORMS=0 leaves the typed corpora out.
# SCAN_FORMS=N adds a generated scan corpus of N forms at 300 dpi (scripts/make-scan-corpus.js;
# SCAN_STAMP=1 stamps every first page), read with the engine above, with the share of the second
# reading's doubts that were right and of the wrong key fields it doubted (scripts/scan-doubts.py).
set -u
ENGINE="${1:-tesseract}"
SHARED="$(cd "$(dirname "$0")/../../shared" 2>/dev/null && pwd)"
SAMPLES="${SAMPLES:-$SHARED/samples}"
TRUTH="${TRUTH:-$SHARED/truth}"
TOOLS="${TOOLS:-$SHARED/tools}"
FORMS="${FORMS:-300}"
SEED="${SEED:-accuracy}"
DECLX="$(realpath "${DECLX:-bin/declx.js}")"
if [ -n "${KEEP:-}" ]; then OUT="$KEEP"; mkdir -p "$OUT"; else OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT; fi
cd "$(dirname "$0")/.."

# Field accuracy, key accuracy and records over the score files of a folder.
summary() {
  python3 - "$1" <<'EOF'
import json, os, sys
d = sys.argv[1]
c = t = kc = kt = rt = rm = 0
for n in os.listdir(d):
    if n.endswith(".score.json"):
        s = json.load(open(os.path.join(d, n)))
        c += s["correct"]; t += s["total"]; kc += s["keyCorrect"]; kt += s["keyTotal"]
        rt += s["records"]["truth"]; rm += s["records"]["matched"]
print(f"field {c / t if t else 0:.4f} ({c}/{t})  key {kc / kt if kt else 0:.4f} ({kc}/{kt})  records {rm}/{rt}")
EOF
}

# One sample: name, truth stem, input files.
sample() {
  local name="$1" truth="$2" stem started=$SECONDS
  shift 2
  stem="$OUT/samples/$(printf '%s' "$name" | tr -c 'A-Za-z0-9.-' '_')"
  node "$DECLX" extract "$@" --format json --ocr "$ENGINE" >"$stem.out.json" 2>"$stem.err" || :
  python3 "$TOOLS/score.py" "$TRUTH/$truth.json" "$stem.out.json" --json >"$stem.score.json" 2>>"$stem.err"
  printf '%-28s %4ss  %s\n' "$name" "$((SECONDS - started))" \
    "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); r=s["records"]; print("field %.4f  key %.4f  records %d/%d" % (s["accuracy"], s["key"], r["matched"], r["truth"]))' "$stem.score.json")"
}

mkdir -p "$OUT/samples"
echo "== samples ($SAMPLES)"
for n in 1 2 3 4; do sample "seed$n.html" "seed$n" "$SAMPLES/seed$n.html"; done
for n in 1 2 3 4; do sample "seed$n.pdf" "seed$n" "$SAMPLES/seed$n.pdf"; done
sample seedall.pdf seedall "$SAMPLES/seedall.pdf"
if [ -z "${TYPED_ONLY:-}" ]; then
  for n in 1 2 3 4; do sample "seed$n.scan.pdf" "seed$n" "$SAMPLES/seed$n.scan.pdf"; done
  sample seed2.scan-1.jpg seed2 "$SAMPLES/seed2.scan-1.jpg"
  for n in 1 3 4; do sample "pages/seed$n.scan-*.jpg" "seed$n" "$SAMPLES"/pages/seed$n.scan-*.jpg; done
  sample seed2.scan150.jpg seed2 "$SAMPLES/seed2.scan150.jpg"
fi
echo "all samples: $(summary "$OUT/samples")"
echo "  $(python3 "$TOOLS/silent.py" "$OUT/samples" | tail -1)"

# Splits one extract's JSONL ($1/all.jsonl) into a NAME.out.json per truth file in $1/truth, by
# the source file's stem; with $2 = pages, a page suffix (-1, -2) is dropped from the stem first.
split_by_stem() {
  python3 - "$1" "${2:-}" <<'EOF'
import json, os, re, sys
d, pages = sys.argv[1], sys.argv[2] == "pages"
by_stem = {}
for line in open(os.path.join(d, "all.jsonl"), encoding="utf-8"):
    if line.strip():
        r = json.loads(line)
        stem = os.path.basename(r["source"]["path"]).split(".")[0]
        by_stem.setdefault(re.sub(r"-\d+$", "", stem) if pages else stem, []).append(r)
for n in os.listdir(os.path.join(d, "truth")):
    stem = n.split(".")[0]
    with open(os.path.join(d, stem + ".out.json"), "w", encoding="utf-8") as f:
        json.dump(sorted(by_stem.get(stem, []), key=lambda r: (r["source"]["path"], r["source"]["formIndex"])), f, ensure_ascii=False)
EOF
}

# A generated corpus per typed kind: one extract over the folder, its records split by file.
for kind in $([ "$FORMS" -gt 0 ] && echo text html pdf); do
  dir="$OUT/corpus-$kind"
  started=$SECONDS
  node scripts/make-corpus.js "$dir/in" "$FORMS" "$SEED" "$kind" >/dev/null
  mkdir -p "$dir/truth" && mv "$dir"/in/*.expected.json "$dir/truth/"
  node "$DECLX" extract "$dir/in" --format jsonl >"$dir/all.jsonl" 2>"$dir/stderr" || :
  split_by_stem "$dir"
  for truth in "$dir"/truth/*.expected.json; do
    stem="$(basename "$truth" .expected.json)"
    python3 "$TOOLS/score.py" "$truth" "$dir/$stem.out.json" --json >"$dir/$stem.score.json"
  done
  forms="$(python3 -c 'import json,glob,sys; print(sum(len(json.load(open(p))) for p in glob.glob(sys.argv[1] + "/truth/*.json")))' "$dir")"
  printf '== generated %-4s %4s files, %4s forms, %4ss: %s\n' "$kind" "$FORMS" "$forms" "$((SECONDS - started))" "$(summary "$dir")"
  echo "  $(python3 "$TOOLS/silent.py" "$dir" | tail -1)"
done

# A generated scan corpus: one extract over its page images, the records split by form.
if [ "${SCAN_FORMS:-0}" -gt 0 ]; then
  dir="$OUT/corpus-scan"
  started=$SECONDS
  node scripts/make-scan-corpus.js "$dir/in" "$SCAN_FORMS" "$SEED" ${SCAN_STAMP:+--stamp} >/dev/null
  mkdir -p "$dir/truth" && mv "$dir"/in/*.expected.json "$dir/truth/"
  node "$DECLX" extract "$dir/in" --format jsonl --ocr "$ENGINE" >"$dir/all.jsonl" 2>"$dir/stderr" || :
  split_by_stem "$dir" pages
  for truth in "$dir"/truth/*.expected.json; do
    stem="$(basename "$truth" .expected.json)"
    python3 "$TOOLS/score.py" "$truth" "$dir/$stem.out.json" --json >"$dir/$stem.score.json"
  done
  printf '== generated scan %4s forms%s, %5ss: %s\n' "$SCAN_FORMS" "${SCAN_STAMP:+ stamped}" "$((SECONDS - started))" "$(summary "$dir")"
  echo "  $(python3 "$TOOLS/silent.py" "$dir" | tail -1)"
  echo "  $(python3 scripts/scan-doubts.py "$dir")"
fi

# DEGRADE=1 adds the degradation kit's table: key accuracy and silent errors per capture condition.
if [ -n "${DEGRADE:-}" ]; then echo; bash scripts/degrade-accuracy.sh "$ENGINE"; fi
