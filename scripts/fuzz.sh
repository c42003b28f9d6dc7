#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer (clang from Debian), AddressSanitizer and UBSan, for a bounded
# time: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...] (default 60 s each; targets csv, study,
# pypsa). Builds into build-fuzz/ (SILKGRID_FUZZ_BUILD_DIR for another folder), starts from the
# seed corpus in fuzz/corpus/TARGET, keeps what it finds in build-fuzz/corpus/TARGET and writes
# crashing inputs as build-fuzz/crash-TARGET-*. Prints, per target, the inputs it ran; exits 1 if
# any target crashed. Replay one input: build-fuzz/fuzz/fuzz_TARGET FILE (or build/fuzz/fuzz_TARGET
# FILE, the replay driver of the normal build).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv study pypsa)
"$root/scripts/setup.sh" >/dev/null  # the Debian packages silkgrid needs
if ! command -v clang++ >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang >/dev/null
fi
build="${SILKGRID_FUZZ_BUILD_DIR:-$root/build-fuzz}"
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
      -DSILKGRID_FUZZ=ON -DSILKGRID_TESTS=OFF -DSILKGRID_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >&2
status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  log="$build/fuzz-$t.log"
  # -rss_limit_mb: a reader must not need more than 2 GiB for any input up to -max_len bytes.
  if ASAN_OPTIONS=detect_leaks=0 "$build/fuzz/fuzz_$t" "$corpus" "$root/fuzz/corpus/$t" -max_total_time="$seconds" \
       -dict="$root/fuzz/$t.dict" -max_len=65536 -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$build/crash-$t-" -print_final_stats=1 \
       >"$log" 2>&1; then
    result="no crash"
  else
    result="CRASHED (see $log)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz_$t: $runs inputs in ${seconds} s, $result"
done
exit $status
