#!/usr/bin/env bash
# Installs the Debian packages followupd builds and tests with. Idempotent.
set -euo pipefail
packages=(libcurl4-openssl-dev libsqlite3-dev libhunspell-dev hunspell-en-us
          dovecot-imapd postfix openssl faketime python3 curl systemd)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# Postfix asks a question at install time; answer it before it is asked.
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
