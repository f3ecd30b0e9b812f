#!/usr/bin/env bash
# disk-carve against Sleuth Kit and foremost on the same generated images, in one run.
#
# What is measured, and why:
#   1. Listing with SHA-256 of every file: `disk-carve list --hash sha256 IMAGE` against what a
#      Sleuth Kit user runs for the same answer, `fls -r -p` plus `icat IMAGE INODE | sha256sum`
#      for each regular file (target: at least as fast). The image: ext4 (256 MiB), written with
#      debugfs, 1,000 files of 1-200 KB of random bytes in 10 folders (~100 MB).
#   2. Carving a 2 GiB image of random bytes with 13 files planted by
#      tests/tools/disk-carve/make_carve_image.py (PNG, JPEG, GIF, BMP, PDF, ZIP, DOCX, GZIP, ELF,
#      PE, SQLite, plus a truncated PNG and ZIP), from the page cache: `disk-carve carve --all`
#      against `foremost -t jpg,gif,png,bmp,exe,pdf,zip` (its built-in types among ours: it has no
#      gzip, ELF or SQLite) (targets: >= 1 GB/s, >= 5x foremost).
#   3. Recall on that image: planted complete files recovered hash-identical, truncated ones
#      reported partial, and files carved that are none of the planted ones (false positives),
#      for both tools.
#
# Everything is built under $BENCH_DIR/disk-carve once and reused; nothing is downloaded.
# Usage: [BENCH_RUNS=3] [SECKIT_BIN=DIR] [BENCH_DIR=DIR] [CARVE_MIB=2048] bench/disk-carve.sh
# shellcheck disable=SC2016  # bash -c programs are single-quoted on purpose
set -euo pipefail
export LC_ALL=C
BENCH_RUNS=${BENCH_RUNS:-3}
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

TOOL=$SECKIT_BIN/disk-carve
GENERATOR=$(cd "$(dirname "$0")/.." && pwd)/tests/tools/disk-carve/make_carve_image.py
DATA=$BENCH_DIR/disk-carve
CARVE_MIB=${CARVE_MIB:-2048}
mkdir -p "$DATA"

die() { echo "bench/disk-carve.sh: $*" >&2; exit 1; }

for t in "$TOOL" fls icat foremost mkfs.ext4 debugfs python3 sha256sum /usr/bin/time; do
  command -v "$t" >/dev/null || die "$t is required but not found"
done

# The ext4 image of case 1.
build_ext4() {
  local img=$DATA/files.ext4
  [ -f "$img" ] && return 0
  echo "bench: building $img" >&2
  local src=$DATA/src
  mkdir -p "$src"
  python3 - "$src" <<'PY'
import os, random, sys
rnd = random.Random(7)
for i in range(1000):
    with open(os.path.join(sys.argv[1], "f%04d.bin" % i), "wb") as f:
        f.write(rnd.randbytes(rnd.randrange(1024, 200 * 1024)))
PY
  mkfs.ext4 -q -F "$img.tmp" 256M
  {
    for d in $(seq 0 9); do echo "mkdir d$d"; done
    for i in $(seq 0 999); do
      printf 'write %s/f%04d.bin d%d/f%04d.bin\n' "$src" "$i" $((i % 10)) "$i"
    done
  } > "$DATA/cmds"
  debugfs -w -f "$DATA/cmds" "$img.tmp" >/dev/null 2>&1
  mv "$img.tmp" "$img"
  rm -rf "$src"
}

# The carving image of cases 2 and 3, regenerated when the generator or the size changed.
build_carve() {
  local stamp
  stamp="$(sha256sum "$GENERATOR" | cut -d' ' -f1) $CARVE_MIB"
  if [ "$(cat "$DATA/.carve-stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: generating a ${CARVE_MIB} MiB carving image" >&2
    python3 "$GENERATOR" "$DATA/carve.img" "$DATA/planted.json" "$CARVE_MIB"
    echo "$stamp" > "$DATA/.carve-stamp"
  fi
}

build_ext4
build_carve

echo "== 1. list with SHA-256 of every file (1,000 files, ext4)"
IMG=$DATA/files.ext4
# The reference: fls, then icat | sha256sum per regular file.
cat > "$DATA/tsk-hash.sh" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
fls -r -p "$1" | while IFS=$'\t' read -r head path; do
  case "$head" in
    "r/r "*) inode=${head#r/r }; inode=${inode%:}; printf '%s  %s\n' "$(icat "$1" "$inode" | sha256sum | cut -c1-64)" "$path" ;;
  esac
done
SH
chmod +x "$DATA/tsk-hash.sh"
# Both must give the same digests before anything is timed.
diff <("$DATA/tsk-hash.sh" "$IMG" | sort) \
     <("$TOOL" list --hash sha256 "$IMG" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)["file"]
    if r["type"] == "file" and "hash" in r:
        print(r["hash"]["sha256"] + "  " + r["path"][1:])' | sort) >/dev/null \
  || die "disk-carve and fls/icat disagree on $IMG"
measure "disk-carve list --hash sha256" "$TOOL" list --hash sha256 "$IMG"
OURS=$MEDIAN_SECONDS
measure "fls -r -p + icat | sha256sum per file" "$DATA/tsk-hash.sh" "$IMG"
REF=$MEDIAN_SECONDS
echo "   disk-carve is $(ratio "$REF" "$OURS")x as fast (target >= 1)"

echo "== 2. carving ${CARVE_MIB} MiB from the page cache"
CIMG=$DATA/carve.img
cat "$CIMG" > /dev/null
measure "disk-carve carve --all" bash -c 'rm -rf "$2"; "$0" carve --all "$1" --out "$2"' \
  "$TOOL" "$CIMG" "$DATA/out-ours"
OURS=$MEDIAN_SECONDS
measure "foremost -t jpg,gif,png,bmp,exe,pdf,zip" \
  bash -c 'rm -rf "$1"; foremost -Q -t jpg,gif,png,bmp,exe,pdf,zip -i "$0" -o "$1"' \
  "$CIMG" "$DATA/out-foremost"
REF=$MEDIAN_SECONDS
BYTES=$(stat -c %s "$CIMG")
echo "   disk-carve $(rate "$BYTES" "$OURS" | awk '{printf "%.2f", $1/1e9}') GB/s," \
  "foremost $(rate "$BYTES" "$REF" | awk '{printf "%.2f", $1/1e9}') GB/s:" \
  "$(ratio "$REF" "$OURS")x (targets >= 1 GB/s, >= 5x)"

echo "== 3. recall on the planted files"
rm -rf "$DATA/out-ours" "$DATA/out-foremost"
"$TOOL" carve --all "$CIMG" --out "$DATA/out-ours" > "$DATA/ours.jsonl"
foremost -Q -t jpg,gif,png,bmp,exe,pdf,zip -i "$CIMG" -o "$DATA/out-foremost" >/dev/null 2>&1 || true
python3 - "$DATA/planted.json" "$DATA/ours.jsonl" "$DATA/out-foremost" <<'PY'
import hashlib, json, os, sys
planted = json.load(open(sys.argv[1]))
complete = {p["sha256"]: p for p in planted if not p["truncated"]}
truncated = {p["offset"]: p for p in planted if p["truncated"]}
ours = [json.loads(l) for l in open(sys.argv[2])]
found = {r["file"]["hash"]["sha256"] for r in ours if r["disk"]["carved"]["valid"]}
partial = {r["disk"]["carved"]["offset"] for r in ours if not r["disk"]["carved"]["valid"]}
fp = [r for r in ours if r["file"]["hash"]["sha256"] not in complete
      and r["disk"]["carved"]["offset"] not in truncated]
print("   disk-carve: %d/%d complete files hash-identical (missing: %s), %d/%d truncated reported partial, %d false positives"
      % (len(found & complete.keys()), len(complete),
         ", ".join(sorted(complete[h]["type"] for h in complete.keys() - found)) or "none",
         len(partial & truncated.keys()), len(truncated), len(fp)))
hashes, files = set(), 0
for root, _, names in os.walk(sys.argv[3]):
    for n in names:
        if n == "audit.txt":
            continue
        files += 1
        hashes.add(hashlib.sha256(open(os.path.join(root, n), "rb").read()).hexdigest())
got = hashes & complete.keys()
print("   foremost:   %d/%d complete files hash-identical (missing: %s), %d files written, %d of them none of the planted files"
      % (len(got), len(complete), ", ".join(sorted(complete[h]["type"] for h in complete.keys() - got)),
         files, files - len(got)))
PY
