#!/usr/bin/env bash
# Installs the Debian packages followupd needs to build and run:
#   scripts/install-deps.sh          libcurl, SQLite, Hunspell
#   scripts/install-deps.sh --test   also the local mail servers and tools the
#                                    tests and the demo use (Dovecot, Postfix,
#                                    faketime, ...), without starting any service
#   scripts/install-deps.sh --bench  also the peers scripts/bench.sh measures beside
# Idempotent: installs only what is missing.
set -euo pipefail
packages=(libcurl4-openssl-dev libsqlite3-dev libhunspell-dev hunspell-en-us)
if [ "${1:-}" = --test ] || [ "${1:-}" = --bench ]; then
    packages+=(dovecot-imapd postfix openssl faketime python3 curl systemd)
fi
# scripts/bench.sh's peers.
if [ "${1:-}" = --bench ]; then
    packages+=(sqlite3 msmtp imapfilter)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# Postfix asks a question at install time; answer it before it is asked.
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
# The mail servers are for the tests' own throwaway instances on loopback:
# keep Debian from starting system-wide ones while installing.
blocker=/usr/sbin/policy-rc.d
added_blocker=""
if [ ! -e "$blocker" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$blocker" >/dev/null
    $SUDO chmod 755 "$blocker"
    added_blocker=1
fi
trap '[ -n "$added_blocker" ] && $SUDO rm -f "$blocker"' EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
