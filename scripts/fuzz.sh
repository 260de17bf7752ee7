#!/usr/bin/env bash
# libFuzzer runs of the parsers that read what strangers send:
#   scripts/fuzz.sh [SECONDS per target, default 60] [TARGET ...]
# Targets: FuzzMIME (the MIME parser), FuzzIMAP (the IMAP response parser),
# FuzzConfig (the config parser), FuzzReplies (the two-stage reply reader).
# C and C++ code (toml++ under the config parser) is built with NDEBUG, as
# in the release build users run: its debug assertions are not what ships
# (ConfigReader refuses the inputs found to trip them in debug builds).
# Leak reports are off: the Swift runtime's caches live until exit and read
# as leaks. Seeded from ../shared/corpora (or $FOLLOWUPD_CORPORA) and Fuzz/Regressions;
# a crash is written to Fuzz/Regressions/TARGET/ (commit it: it is replayed
# by every later run) and fails the run. Long runs: scripts/fuzz.sh 3600.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzMIME FuzzIMAP FuzzConfig FuzzReplies)
corpora=${FOLLOWUPD_CORPORA:-../shared/corpora}
scratch=.build/fuzz

seeds() { # TARGET -> the corpus folders it starts from
    case $1 in
        FuzzMIME|FuzzReplies) for c in cpython-test_email sisimai-set-of-emails enmime flanker stalwart-mail-parser thunderbird-invitations; do
                                  [ -d "$corpora/$c" ] && echo "$corpora/$c"; done ;;
        FuzzIMAP) [ -d "$corpora/mailkit-imap-transcripts" ] && echo "$corpora/mailkit-imap-transcripts" ;;
        FuzzConfig) echo config ;;
    esac
    return 0
}

status=0
for target in "${targets[@]}"; do
    FOLLOWUPD_FUZZ=1 swift build --scratch-path "$scratch" --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xcxx -DNDEBUG -Xcc -DNDEBUG 2>&1 | grep -E "error|warning: unre|Compiling|Build" | grep -v "^\[" || true
    binary="$scratch/debug/$target"
    [ -x "$binary" ] || { echo "fuzz: $target did not build" >&2; exit 1; }
    # libFuzzer takes directories: flatten each seed tree into one (its files only).
    work="$scratch/work/$target" seedDir="$scratch/seeds/$target"
    rm -rf "$seedDir"; mkdir -p "$work" "$seedDir" "Fuzz/Regressions/$target"
    while read -r dir; do
        [ -n "$dir" ] && find "$dir" -type f ! -name '*.json' -size -1024k -exec cp -t "$seedDir" --backup=numbered {} + 2>/dev/null
    done < <(seeds "$target")
    [ -n "$(ls -A "$seedDir")" ] || echo "fuzz: $target: no seed corpus found under $corpora; starting from nothing"
    log="$scratch/$target.log"
    if ! ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -max_len=262144 -print_final_stats=1 \
            -artifact_prefix="Fuzz/Regressions/$target/" "$work" "$seedDir" "Fuzz/Regressions/$target" > "$log" 2>&1; then
        echo "fuzz: $target FAILED; the input is in Fuzz/Regressions/$target/:" >&2
        grep -E "ERROR|SUMMARY|Test unit written" "$log" >&2 || tail -30 "$log" >&2
        status=1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    echo "measured: $target: ${runs:-?} executions in ${seconds} s (${speed:-?} per second), seeds $(ls "$seedDir" | wc -l)"
done
exit $status
