#!/usr/bin/env bash
# A throwaway mail stack on 127.0.0.1 for the transport tests:
#   Dovecot        IMAP (STARTTLS) + IMAPS, users in a passwd-file, Maildirs in DIR/mail
#   Dovecot "bad"  IMAP without STARTTLS (offers XOAUTH2 only) + IMAPS with a certificate
#                  for the wrong host name
#   Postfix        inbound SMTP, submission (STARTTLS required) and smtps, SASL through
#                  Dovecot's auth socket, delivering into Dovecot's Maildirs
# Usage: scripts/mailstack.sh {start|stop|env} [DIR]
# DIR defaults to $FOLLOWUPD_MAILSTACK, then ./.mailstack. Ports are DIR-derived so two
# stacks don't clash; FOLLOWUPD_MAILSTACK_PORT_BASE overrides (60 ports from the base;
# base+10..base+59 are left for the tests' own listeners). Works as root: mail processes
# run as user `mail`.
set -euo pipefail

cmd=${1:-}
DIR=${2:-${FOLLOWUPD_MAILSTACK:-$PWD/.mailstack}}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
# Dovecot and Postfix run parts of themselves as other users: they must reach inside.
chmod 755 "$DIR"

port_base() {
    if [ -n "${FOLLOWUPD_MAILSTACK_PORT_BASE:-}" ]; then echo "$FOLLOWUPD_MAILSTACK_PORT_BASE"; return; fi
    local crc; crc=$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)
    # Below Linux's ephemeral range (32768-60999): a port in it can be taken
    # at any moment by some connection's local end, and a listener then fails.
    echo $(( 20000 + (crc % 200) * 60 ))
}

load_ports() {
    if [ -f "$DIR/stack.env" ]; then
        # shellcheck disable=SC1091
        . "$DIR/stack.env"
        return
    fi
    local b; b=$(port_base)
    IMAP_PORT=$b; IMAPS_PORT=$((b+1)); SUBMISSION_PORT=$((b+2)); SMTPS_PORT=$((b+3))
    SMTP_PORT=$((b+4)); IMAP_NOTLS_PORT=$((b+5)); IMAPS_WRONGHOST_PORT=$((b+6)); TEST_PORT_BASE=$((b+10))
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_ports() { # want=open|closed ports...
    local want=$1; shift
    for _ in $(seq 1 100); do
        local ok=1
        for p in "$@"; do
            if [ "$want" = open ]; then port_open "$p" || ok=0; else ! port_open "$p" || ok=0; fi
        done
        [ $ok = 1 ] && return 0
        sleep 0.1
    done
    echo "mailstack: ports $* not $want after 10 s" >&2
    return 1
}

make_tls() {
    local t=$DIR/tls
    [ -f "$t/leaf.pem" ] && return
    mkdir -p "$t"
    # Valid from 90 days ago: tests and the demo move followupd's clock back
    # with faketime, and a certificate "not yet valid" would fail them.
    openssl() { faketime '90 days ago' "$(type -P openssl)" "$@"; }
    openssl req -x509 -newkey rsa:2048 -nodes -days 400 -subj "/CN=followupd test CA" \
        -keyout "$t/ca.key" -out "$t/ca.pem" 2>/dev/null
    leaf() { # name san
        openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$t/$1.key" -out "$t/$1.csr" 2>/dev/null
        printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$2" > "$t/$1.ext"
        openssl x509 -req -in "$t/$1.csr" -CA "$t/ca.pem" -CAkey "$t/ca.key" -CAcreateserial \
            -days 400 -extfile "$t/$1.ext" -out "$t/$1.pem" 2>/dev/null
    }
    leaf wronghost "DNS:wrong.example"
    leaf leaf "DNS:localhost,IP:127.0.0.1"
    chmod 600 "$t"/*.key
}

USERS="candidate@example.test hr@employer.test recruiter@employer.test"

make_users() {
    [ -f "$DIR/passwords" ] && return
    umask 077
    : > "$DIR/passwords"
    for u in $USERS; do echo "$u $(openssl rand -hex 12)" >> "$DIR/passwords"; done
    umask 022
}

dovecot_conf() { # name ssl-mode cert plain-port tls-port auth-mechanisms
    local d=$DIR/$1
    mkdir -p "$d"
    umask 077
    awk '{print $1 ":{PLAIN}" $2}' "$DIR/passwords" > "$d/users"
    umask 022
    # Dovecot's auth process reads it as its internal user.
    chgrp dovecot "$d/users" && chmod 640 "$d/users"
    cat > "$d/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $d/run
state_dir = $d/state
log_path = $d/log
ssl = $2
ssl_cert = <$DIR/tls/$3.pem
ssl_key = <$DIR/tls/$3.key
disable_plaintext_auth = $([ "$2" = no ] && echo no || echo yes)
auth_mechanisms = $6
passdb {
  driver = passwd-file
  args = scheme=PLAIN $d/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$DIR/mail/%d/%n
}
mail_location = maildir:$DIR/mail/%d/%n
first_valid_uid = $(id -u mail)
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  # Named so that only SPECIAL-USE finds it: no common junk name matches.
  mailbox Quarantaine {
    special_use = \\Junk
    auto = create
  }
}
protocol imap {
  mail_max_userip_connections = 200
}
service imap-login {
  inet_listener imap {
    port = $4
  }
  inet_listener imaps {
    port = $5
    ssl = yes
  }
}
service auth {
  unix_listener auth-client {
    mode = 0666
  }
}
EOF
}

postfix_conf() {
    local p=$DIR/postfix
    mkdir -p "$p/spool" "$p/data"
    chown postfix "$p/data"
    : > "$p/vmailbox"
    for u in $USERS; do echo "$u ${u#*@}/${u%@*}/" >> "$p/vmailbox"; done
    cat > "$p/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $p/spool
data_directory = $p/data
maillog_file = $p/maillog
maillog_file_prefixes = $p
myhostname = localhost
mydomain = localhost
myorigin = localhost
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
relayhost =
local_transport = error:no local delivery
virtual_mailbox_domains = example.test employer.test
# hr+anything@employer.test is hr's: the bench sends each run to an address of its own.
recipient_delimiter = +
virtual_mailbox_maps = texthash:$p/vmailbox
virtual_mailbox_base = $DIR/mail
virtual_uid_maps = static:$(id -u mail)
virtual_minimum_uid = $(id -u mail)
virtual_gid_maps = static:$(id -g mail)
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_cert_file = $DIR/tls/leaf.pem
smtpd_tls_key_file = $DIR/tls/leaf.key
smtpd_sasl_type = dovecot
smtpd_sasl_path = $DIR/dovecot/run/auth-client
smtpd_banner = \$myhostname ESMTP
biff = no
EOF
    local sub="-o smtpd_sasl_auth_enable=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject"
    cat > "$p/master.cf" <<EOF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd -o smtpd_tls_security_level=encrypt $sub
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd -o smtpd_tls_wrappermode=yes $sub
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
}

start() {
    load_ports
    if [ -f "$DIR/running" ] && port_open "$IMAP_PORT" && port_open "$SUBMISSION_PORT"; then
        return 0 # idempotent: already up
    fi
    cat > "$DIR/stack.env" <<EOF
IMAP_PORT=$IMAP_PORT
IMAPS_PORT=$IMAPS_PORT
SUBMISSION_PORT=$SUBMISSION_PORT
SMTPS_PORT=$SMTPS_PORT
SMTP_PORT=$SMTP_PORT
IMAP_NOTLS_PORT=$IMAP_NOTLS_PORT
IMAPS_WRONGHOST_PORT=$IMAPS_WRONGHOST_PORT
TEST_PORT_BASE=$TEST_PORT_BASE
CA_FILE=$DIR/tls/ca.pem
PASSWORDS_FILE=$DIR/passwords
EOF
    make_tls
    make_users
    mkdir -p "$DIR/mail"
    chown mail:mail "$DIR/mail"
    # OAuth 2.0 mechanisms check the bearer token as the user's password (Dovecot 2.3
    # with a passwd-file): enough to see what a client sends and that a wrong token
    # is refused. The main server offers both, like Gmail; the plain one offers
    # only XOAUTH2, like Outlook.
    dovecot_conf dovecot required leaf "$IMAP_PORT" "$IMAPS_PORT" "plain login oauthbearer xoauth2"
    # Port 0 turns a listener off (leaving it out would keep Dovecot's default port).
    dovecot_conf dovecot-notls no leaf "$IMAP_NOTLS_PORT" 0 "plain login xoauth2"
    dovecot_conf dovecot-wronghost yes wronghost 0 "$IMAPS_WRONGHOST_PORT" "plain login"
    postfix_conf
    for d in dovecot dovecot-notls dovecot-wronghost; do
        local pid=$DIR/$d/run/master.pid
        [ -f "$pid" ] && kill -0 "$(cat "$pid")" 2>/dev/null && continue
        dovecot -c "$DIR/$d/dovecot.conf" </dev/null >/dev/null 2>&1
    done
    postfix -c "$DIR/postfix" check >/dev/null 2>&1 || postfix -c "$DIR/postfix" check
    postfix -c "$DIR/postfix" status >/dev/null 2>&1 || postfix -c "$DIR/postfix" start >/dev/null 2>&1
    wait_ports open "$IMAP_PORT" "$IMAPS_PORT" "$IMAP_NOTLS_PORT" "$IMAPS_WRONGHOST_PORT" \
        "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT"
    touch "$DIR/running"
}

stop() {
    load_ports
    [ -f "$DIR/postfix/main.cf" ] && postfix -c "$DIR/postfix" stop >/dev/null 2>&1 || true
    for d in dovecot dovecot-notls dovecot-wronghost; do
        [ -f "$DIR/$d/dovecot.conf" ] && dovecot -c "$DIR/$d/dovecot.conf" stop >/dev/null 2>&1 || true
    done
    rm -f "$DIR/running"
    wait_ports closed "$IMAP_PORT" "$IMAPS_PORT" "$IMAP_NOTLS_PORT" "$IMAPS_WRONGHOST_PORT" \
        "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT"
}

print_env() {
    load_ports
    echo "export FOLLOWUPD_MAILSTACK=$DIR"
    while IFS='=' read -r k v; do echo "export FOLLOWUPD_MAILSTACK_$k=$v"; done < "$DIR/stack.env"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    *) echo "usage: $0 {start|stop|env} [DIR]" >&2; exit 2 ;;
esac
