#!/usr/bin/env bash
# Fails when a committed man page or completion differs from what the built tool generates, or
# when a man page has mandoc lint warnings. Usage: docs_drift.sh BIN_DIR SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
passed=0
failed=0
check() {  # check NAME COMMAND...: counts a pass when the command succeeds
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
same() {  # same FILE TOOL ARG: the committed FILE equals the tool's --generate ARG output
  local file=$1 tool=$2 what=$3
  if [ ! -f "$file" ]; then echo "missing $file: run scripts/gen-docs"; return 1; fi
  diff -u "$file" <("$bin/$tool" --generate "$what") > /tmp/seckit-drift.$$ 2>&1 && return 0
  echo "$file differs from '$tool --generate $what' (run scripts/gen-docs):"; head -20 /tmp/seckit-drift.$$
  return 1
}
lint() {
  local out
  out=$(mandoc -Tlint -W warning "$1" 2>&1)
  [ -z "$out" ] && return 0
  echo "$out"; return 1
}
for dir in "$src"/tools/*/; do
  tool=$(basename "$dir")
  [ -f "$dir/main.cc" ] || continue
  check "$tool man page current" same "$src/man/$tool.1" "$tool" man
  check "$tool bash completion current" same "$src/completions/bash/$tool" "$tool" bash
  check "$tool zsh completion current" same "$src/completions/zsh/_$tool" "$tool" zsh
  check "$tool fish completion current" same "$src/completions/fish/$tool.fish" "$tool" fish
  check "$tool man page lint" lint "$src/man/$tool.1"
  check "$tool bash completion syntax" bash -n "$src/completions/bash/$tool"
done
check "seckit-format(7) lint" lint "$src/man/seckit-format.7"
rm -f /tmp/seckit-drift.$$
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
