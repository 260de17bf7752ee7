#!/usr/bin/env bash
# The whole test suite, against a throwaway mail stack on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
stack=$(mktemp -d /tmp/followupd-mailstack.XXXXXX)
scripts/mailstack.sh start "$stack"
trap 'scripts/mailstack.sh stop "$stack"; rm -rf "$stack"' EXIT
eval "$(scripts/mailstack.sh env "$stack")"
swift build
swift test "$@"
