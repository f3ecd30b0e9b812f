#!/usr/bin/env bash
# Runs every libFuzzer target (fuzz/fuzz_*.cc) one after another and reports which found a crash.
#
# Usage: fuzz/run-all.sh MINUTES   the longer local run: each target for MINUTES minutes, its
#                                  corpus kept between runs in $SECKIT_FUZZ_CORPUS
#        fuzz/run-all.sh --smoke   the CI-sized run: each target about 10 s from its seeds, in a
#                                  throwaway corpus
#
# Environment: SECKIT_FUZZ_BUILD_DIR (default build-fuzz) holds bin/fuzz_*, built as
# fuzz/README.md says; SECKIT_FUZZ_CORPUS (default ${TMPDIR:-/tmp}/seckit-fuzz-corpus) the corpora
# of the long run; SECKIT_FUZZ_ARTIFACTS (default ${TMPDIR:-/tmp}/seckit-fuzz-artifacts) where
# crash-*, timeout-* and oom-* inputs and each target's log go; SECKIT_FUZZ_TARGETS a
# space-separated subset of targets; SECKIT_FUZZ_JOBS how many targets run at once (default 1).
# Exit status: 0 when no target found anything, 1 when one did (its inputs and log are named),
# 2 for a usage error or a target that is not built.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: fuzz/run-all.sh MINUTES | --smoke" >&2
  exit 2
}
[ $# -eq 1 ] || usage
if [ "$1" = --smoke ]; then
  smoke=true
  seconds=10
elif [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  smoke=false
  seconds=$(($1 * 60))
else
  usage
fi

build=${SECKIT_FUZZ_BUILD_DIR:-build-fuzz}
artifacts=${SECKIT_FUZZ_ARTIFACTS:-${TMPDIR:-/tmp}/seckit-fuzz-artifacts}
if [ -n "${SECKIT_FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$SECKIT_FUZZ_TARGETS"
else
  targets=()
  for source in fuzz/fuzz_*.cc; do targets+=("$(basename "$source" .cc)"); done
fi
for target in "${targets[@]}"; do
  if [ ! -x "$build/bin/$target" ]; then
    echo "run-all: $build/bin/$target is not built (see fuzz/README.md: cmake --build $build --target fuzzers)" >&2
    exit 2
  fi
done

if $smoke; then
  corpus_root=$(mktemp -d)
  trap 'rm -rf "$corpus_root"' EXIT
else
  corpus_root=${SECKIT_FUZZ_CORPUS:-${TMPDIR:-/tmp}/seckit-fuzz-corpus}
fi
mkdir -p "$artifacts" "$corpus_root"

# Runs one target; prints one line saying how it went; fails when it found something.
run_target() {
  local target=$1
  local corpus=$corpus_root/$target
  mkdir -p "$corpus"
  local seeds=()
  [ -d "fuzz/seeds/$target" ] && seeds=("fuzz/seeds/$target")
  local log=$artifacts/$target.log
  local extra=()
  # libtsk (not our code) has slow and huge-allocation paths on hostile ext2 images
  # (fuzz/known/README.md): save those inputs and go on; crashes and failed checks still stop.
  [ "$target" = fuzz_disk_image ] && extra=(-fork=1 -ignore_timeouts=1 -ignore_ooms=1)
  local line
  line=$(printf '%-22s %4d s ... ' "$target" "$seconds")
  # -timeout: one input taking this long is a bug (a hang) and is saved as timeout-*.
  if "$build/bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${extra[@]}" \
      "$corpus" "${seeds[@]}" >"$log" 2>&1; then
    local runs known note=""
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\): cov.*/\1/p' "$log" | tail -n 1)  # fork mode
    known=$(find "$artifacts" -maxdepth 1 \( -name "$target-timeout-*" -o -name "$target-oom-*" \) | wc -l)
    [ "$known" -gt 0 ] && note=", $known slow or huge inputs kept, see fuzz/known/README.md"
    echo "${line}ok (${runs:-?} runs$note)"
  else
    echo "${line}FOUND SOMETHING: see $log and $artifacts/$target-*"
    return 1
  fi
}

# SECKIT_FUZZ_JOBS targets at a time (default 1); each target itself runs on one core.
jobs=${SECKIT_FUZZ_JOBS:-1}
failed=()
declare -A running=()  # pid -> target
wait_one() {
  local pid
  # wait -n -p needs bash 5.1; Debian 12 has 5.2.
  if wait -n -p pid; then :; else failed+=("${running[$pid]}"); fi
  unset "running[$pid]"
}
for target in "${targets[@]}"; do
  while [ ${#running[@]} -ge "$jobs" ]; do wait_one; done
  run_target "$target" &
  running[$!]=$target
done
while [ ${#running[@]} -gt 0 ]; do wait_one; done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-all: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-all: ${#targets[@]} targets, nothing found"
