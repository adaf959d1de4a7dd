#!/bin/sh
# Runs the import fuzzer: Fuzz/fuzz.sh MODE SECONDS [libFuzzer options…]
#   MODE: detect (the format found from the content, as `heed import FILE`), any (the first
#   byte picks detection or a --format), a --format name (jsonl, csv, mastodon, …), or one of
#   the settings parsers: config (config.toml), theme (two theme files), template (a saved
#   reply and the values filled in).
# Seeds: the sample pages in $HEED_SAMPLES (default ../../shared/samples from here), each also
# squeezed to one line, two pages a line and an array of pages (and cut short when too long),
# plus Seeds/. They are copied
# to a temporary folder; nothing is written into the samples. New inputs go to
# $HEED_FUZZ_CORPUS (default /tmp/heed-fuzz-corpus/MODE), failures to $HEED_FUZZ_ARTIFACTS.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-detect}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
samples=${HEED_SAMPLES:-$here/../../shared/samples}
corpus=${HEED_FUZZ_CORPUS:-/tmp/heed-fuzz-corpus/$mode}
artifacts=${HEED_FUZZ_ARTIFACTS:-/tmp/heed-fuzz-artifacts}
fuzzer=$here/.build/release/ImportFuzzer
case $mode in
  config|theme|template)
    # The settings parsers: their own fuzzer, their own seeds (Seeds/MODE), no sample pages.
    fuzzer=$here/.build/release/$(printf '%s' "$mode" | cut -c1 | tr a-z A-Z)$(printf '%s' "$mode" | cut -c2-)Fuzzer
    [ -x "$fuzzer" ] || { echo "build first: see Fuzz/README.md" >&2; exit 2; }
    seeds=$(mktemp -d /tmp/heed-fuzz-seeds.XXXXXX)
    trap 'rm -rf "$seeds"' EXIT
    mkdir -p "$corpus" "$artifacts"
    cp "$here/Seeds/$mode"/* "$seeds"/
    [ "$mode" = theme ] && cp "$here/../Themes"/*.toml "$seeds"/
    echo "mode $mode, $(ls "$seeds" | wc -l) seeds, corpus $corpus, for $seconds s" >&2
    exec env ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" SWIFT_BACKTRACE=enable=no "$fuzzer" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$artifacts/$mode-" "$@" "$corpus" "$seeds"
    ;;
esac
[ -x "$fuzzer" ] || { echo "build first: see Fuzz/README.md" >&2; exit 2; }
[ -d "$samples" ] || { echo "no samples at $samples (set HEED_SAMPLES)" >&2; exit 2; }

seeds=$(mktemp -d /tmp/heed-fuzz-seeds.XXXXXX)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$corpus" "$artifacts"
python3 - "$samples" "$here/Seeds" "$seeds" "$mode" <<'PY'
import json, os, sys
samples, own, out, mode = sys.argv[1:]
files = []
for folder in (samples, own):
    for root, _, names in os.walk(folder):
        files += [os.path.join(root, n) for n in sorted(names) if not n.endswith(".md")]
made = []
pages = []
for path in files:
    data = open(path, "rb").read()
    made.append(data)
    try:
        page = json.loads(data)
    except ValueError:
        continue
    pages.append(page)
    made.append(json.dumps(page, ensure_ascii=False).encode() + b"\n")
    made.append(json.dumps([page, page], ensure_ascii=False).encode())
    line = json.dumps(page, separators=(",", ":")).encode()
    made.append(line + b"\n" + line + b"\n")
    if len(data) > 65536:
        # Too long for -max_len: the same page with every list cut to its first three items.
        def shrink(value):
            if isinstance(value, list): return [shrink(item) for item in value[:3]]
            if isinstance(value, dict): return {key: shrink(item) for key, item in value.items()}
            return value
        made.append(json.dumps(shrink(page), ensure_ascii=False).encode())
prefix = b"\0" if mode == "any" else b""
for index, data in enumerate(made):
    with open(os.path.join(out, "seed-%03d" % index), "wb") as f:
        f.write(prefix + data)
PY
echo "mode $mode, $(ls "$seeds" | wc -l) seeds, corpus $corpus, for $seconds s" >&2
env HEED_FUZZ_FORMAT="$mode" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" SWIFT_BACKTRACE=enable=no "$fuzzer" \
  -dict="$here/json.dict" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/$mode-" \
  "$@" "$corpus" "$seeds"
