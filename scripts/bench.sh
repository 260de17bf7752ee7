#!/usr/bin/env bash
# followupd beside the tools a user would pick instead (curl, sqlite3), in the
# same run, on a real Dovecot over TLS on loopback: prints each figure, its
# peer's and the ratio (medians of 5 alternating runs), and the machine's load.
#   scripts/bench.sh           the full sizes (INBOX 1k/10k/100k, 10,000 applications)
#   scripts/bench.sh --quick   the small sizes, in about two minutes (CI runs it)
#   scripts/bench.sh [--quick] --only send   one group of figures (mailbox, send, ticks, store, idle)
# A release build; the mailboxes are written straight into the stack's Maildir,
# the databases made through the store's own API (Bench/BenchSeed).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --bench
# Built as the README installs them: the Swift runtime linked in.
for product in followupd fuctl followupd-bench-seed; do
    swift build -c release --static-swift-stdlib --product "$product" >/dev/null
done
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)

work=$PWD/.bench
stack=$work/mailstack
scripts/mailstack.sh stop "$stack" >/dev/null 2>&1 || true
rm -rf "$work"
mkdir -p "$work"
trap 'scripts/mailstack.sh stop "$stack" >/dev/null 2>&1 || true' EXIT
scripts/mailstack.sh start "$stack" >/dev/null
python3 scripts/bench.py "$@" --stack "$stack" --bin "$bin" --work "$work"
