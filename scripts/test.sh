#!/usr/bin/env bash
# Runs every test: lit (IR and diagnostics), CTest (Catch2 unit tests and the
# docs check) and pytest (Python package). Builds first. Prints one summary
# line per runner and a total; exits non-zero if anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUILL_BUILD_DIR:-$root/build}
python=/usr/bin/python3 # Debian's, with python3-pytest (and later torch)

"$root/scripts/build.sh" || exit 1

total_pass=0 total_fail=0
summary=()
record() { # runner passed failed
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
  summary+=("$(printf '%-7s %4d passed, %d failed' "$1:" "$2" "$3")")
}

# lit: its own summary has "Passed: N" / "Failed: N" lines.
lit_out=$(/usr/lib/llvm-22/bin/lit -sv "$build/test" 2>&1)
lit_rc=$?
echo "$lit_out" | grep -E '^(FAIL|XPASS|UNRESOLVED|TIMEOUT):|^\*\*\*\*' -A40 | head -400
lit_pass=$(echo "$lit_out" | sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p')
lit_fail=$(echo "$lit_out" | grep -E '^ *(Failed|Unresolved|Timed Out|Unexpectedly Passed) *:' \
  | sed 's/.*: *\([0-9]*\).*/\1/' | awk '{s+=$1} END {print s+0}')
lit_pass=${lit_pass:-0}
lit_fail=${lit_fail:-0}
[[ $lit_rc -ne 0 && $lit_fail -eq 0 ]] && lit_fail=1
record lit "$lit_pass" "$lit_fail"

# ctest: "N% tests passed, M tests failed out of T".
ctest_out=$(ctest --test-dir "$build" --output-on-failure 2>&1)
ctest_rc=$?
[[ $ctest_rc -ne 0 ]] && echo "$ctest_out"
ctest_line=$(echo "$ctest_out" | grep -E 'tests passed, [0-9]+ tests? failed out of')
ctest_total=$(echo "$ctest_line" | sed -n 's/.*out of \([0-9]*\).*/\1/p')
ctest_fail=$(echo "$ctest_line" | sed -n 's/.*passed, \([0-9]*\) tests\{0,1\} failed.*/\1/p')
ctest_total=${ctest_total:-0}
ctest_fail=${ctest_fail:-0}
[[ $ctest_rc -ne 0 && $ctest_fail -eq 0 ]] && ctest_fail=1
record ctest "$((ctest_total - ctest_fail))" "$ctest_fail"

# pytest: test/python, the parity tests against PyTorch (they drive the
# built tools). Any non-zero exit, including "collected nothing", fails.
py_out=$(cd "$root" && "$python" -m pytest -q test/python 2>&1)
py_rc=$?
[[ $py_rc -ne 0 ]] && echo "$py_out"
py_pass=$(echo "$py_out" | grep -oE '[0-9]+ passed' | tail -1 | cut -d' ' -f1)
py_fail=$(echo "$py_out" | grep -oE '[0-9]+ (failed|error)' | awk '{s+=$1} END {print s+0}')
py_pass=${py_pass:-0}
[[ $py_rc -ne 0 && $py_fail -eq 0 ]] && py_fail=1
record pytest "$py_pass" "$py_fail"

echo
echo "== Quill test summary =="
printf '%s\n' "${summary[@]}"
echo "total: $total_pass passed, $total_fail failed"
[[ $total_fail -eq 0 ]]
