#!/bin/sh
# Line coverage of the importer by fuzzing corpora: Fuzz/coverage.sh MODE=FOLDER…
# (for example detect=/tmp/heed-fuzz-corpus/detect any=/tmp/heed-fuzz-corpus/any).
# Builds the fuzzer a second time with coverage mapping (in .build-coverage), runs every input
# of each folder once in its mode, and prints llvm-cov's report for Sources/HeedImport.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 MODE=FOLDER…" >&2; exit 2; }
cd "$here"
swift build -c release --scratch-path .build-coverage --sanitize=fuzzer -Xswiftc -enable-testing \
  -Xswiftc -profile-generate -Xswiftc -profile-coverage-mapping \
  -Xcc -fprofile-instr-generate -Xcc -fcoverage-mapping >&2
profiles=$(mktemp -d /tmp/heed-fuzz-profile.XXXXXX)
trap 'rm -rf "$profiles"' EXIT
binary=.build-coverage/release/ImportFuzzer
# The toolchain's own llvm tools: another LLVM's cannot read the profiles swiftc's runtime writes.
tools=$(dirname "$(readlink -f "$(command -v swiftc)")")
for pair in "$@"; do
  mode=${pair%%=*}
  LLVM_PROFILE_FILE="$profiles/$mode-%p.profraw" HEED_FUZZ_FORMAT=$mode \
    "$binary" -runs=0 -timeout=30 "${pair#*=}" >/dev/null 2>&1 || echo "$pair: the fuzzer stopped early" >&2
done
"$tools/llvm-profdata" merge -sparse "$profiles"/*.profraw -o "$profiles/all.profdata"
"$tools/llvm-cov" report "$binary" -instr-profile="$profiles/all.profdata" \
  -ignore-filename-regex='(\.build|Fuzz/Sources|HeedCore|CHTML|checkouts)' "$here/../Sources/HeedImport"
