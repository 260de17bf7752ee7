#!/usr/bin/env bash
# The main job, end to end, against a real Dovecot and Postfix on 127.0.0.1:
# an interview a week ago, the daemon queues the check-in, you approve it, it
# arrives in the employer's mailbox, the employer replies, the follow-ups stop.
#
# The daemon and fuctl run under faketime at the moment the check-in falls
# due (last week's Tuesday, 11:30 in Berlin), so the send window is open
# whatever the time is where you are; the mail servers keep the real clock.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
note() { printf '%s\n' "$*"; }

step "Installing what followupd needs (Debian packages)"
scripts/install-deps.sh --test

step "Building"
swift build
bin=$(swift build --show-bin-path)
export PATH="$bin:$PATH"

demo=$root/.demo
stack=$demo/mailstack
scripts/mailstack.sh stop "$stack" >/dev/null 2>&1 || true
rm -rf "$demo"
mkdir -p "$demo"
trap 'scripts/mailstack.sh stop "$stack" >/dev/null 2>&1 || true' EXIT

step "Starting a local Dovecot (IMAP) and Postfix (SMTP submission) with a throwaway CA"
scripts/mailstack.sh start "$stack"
eval "$(scripts/mailstack.sh env "$stack")"
password_of() { awk -v u="$1" '$1 == u { print $2 }' "$FOLLOWUPD_MAILSTACK_PASSWORDS_FILE"; }
(umask 077; password_of candidate@example.test > "$demo/mail-password")
echo "IMAP on 127.0.0.1:$FOLLOWUPD_MAILSTACK_IMAP_PORT (STARTTLS), submission on 127.0.0.1:$FOLLOWUPD_MAILSTACK_SUBMISSION_PORT (STARTTLS)"

cat > "$demo/config.toml" <<EOF
[identity]
name = "Morgan Lee"
email = "candidate@example.test"
timezone = "Europe/Berlin"
signature = """
Morgan Lee
+49 30 1234567"""

[imap]
url = "imap://127.0.0.1:$FOLLOWUPD_MAILSTACK_IMAP_PORT"
username = "candidate@example.test"
password_file = "$demo/mail-password"
ca_file = "$FOLLOWUPD_MAILSTACK_CA_FILE"

[smtp]
url = "smtp://127.0.0.1:$FOLLOWUPD_MAILSTACK_SUBMISSION_PORT"
username = "candidate@example.test"
password_file = "$demo/mail-password"
ca_file = "$FOLLOWUPD_MAILSTACK_CA_FILE"

[daemon]
database = "$demo/followupd.sqlite"

[templates]
dir = "$demo/templates"
EOF
config=(--config "$demo/config.toml")
# Both programs run at the time in $clock (a faketime prefix), or at the real
# time when it is empty. The command line is shown without the --config and
# faketime parts, which are the same every time.
clock=()
shown() { printf '\033[2m$ %s\033[0m\n' "$(printf '%q ' "$@")" >&2; }
fu() { shown fuctl "$@"; local sub=$1; shift; "${clock[@]}" fuctl "$sub" "${config[@]}" "$@"; }
tick() { shown followupd --once; "${clock[@]}" followupd "${config[@]}" --once; }

# The interview: the Tuesday 8 to 14 days ago, 10:00-11:00 in Berlin. Its
# check-in falls due a week after it ends: Tuesday 11:00.
for i in $(seq 8 14); do
    day=$(date -u -d "-$i days" +%F)
    [ "$(date -u -d "$day" +%u)" = 2 ] && break
done
due_day=$(date -u -d "$day +7 days" +%F)
clock=(env TZ=Europe/Berlin faketime "$due_day 11:30:00")

step "Recording the interview of $day with Dana Roe at Employer GmbH"
app=$(fu add --json --company "Employer GmbH" --role "Platform Engineer" \
    --contact-name "Dana Roe" --contact-email hr@employer.test --interview "$day 10:00" --duration 1h \
    --tz Europe/Berlin --talking-point "the move of the billing system to event sourcing" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "application $app"

step "followupd runs a tick at $due_day 11:30 Berlin: inbox checked, the check-in is due, so it is drafted"
note "(The thank-you was due the day after the interview and was never sent; once the check-in"
note " is due, the policy drops it: the check-in is the round's first message.)"
tick
fu queue
draft=$("${clock[@]}" fuctl queue "${config[@]}" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

step "The draft as it would be sent (fuctl draft --raw shows the exact bytes)"
fu draft "$draft"

step "You approve it; the next tick sends it"
fu approve "$draft"
tick
fu log

step "It arrived in the employer's mailbox (Dovecot's Maildir of hr@employer.test)"
inbox_file=$(ls "$stack"/mail/employer.test/hr/new/* | head -n 1)
sed -n '1,/^\r\?$/p' "$inbox_file" | grep -E '^(From|To|Subject|Date|Message-ID|In-Reply-To):'
message_id=$(grep -i -m1 '^Message-ID:' "$inbox_file" | sed 's/^[^:]*: *//; s/\r$//')

step "The employer replies"
cat > "$demo/reply.eml" <<EOF
From: Dana Roe <hr@employer.test>
To: Morgan Lee <candidate@example.test>
Subject: Re: Following up on the Platform Engineer position
Date: $(date -R)
Message-ID: <reply-$(date +%s)@employer.test>
In-Reply-To: $message_id
References: $message_id

Hi Morgan,

thank you for your patience. We would like to invite you to a second
interview with the team next week. Could you let me know your availability?

Best,
Dana
EOF
sed -i 's/$/\r/' "$demo/reply.eml"
# The employer's password goes to curl in a netrc file, not on its command line.
(umask 077; echo "machine 127.0.0.1 login hr@employer.test password $(password_of hr@employer.test)" > "$demo/employer.netrc")
shown curl --netrc-file .demo/employer.netrc --url "smtp://127.0.0.1:$FOLLOWUPD_MAILSTACK_SUBMISSION_PORT" ...
curl --silent --show-error --ssl-reqd --cacert "$FOLLOWUPD_MAILSTACK_CA_FILE" \
    --url "smtp://127.0.0.1:$FOLLOWUPD_MAILSTACK_SUBMISSION_PORT" --netrc-file "$demo/employer.netrc" \
    --mail-from hr@employer.test --mail-rcpt candidate@example.test --upload-file "$demo/reply.eml"
echo "(reply submitted)"

step "The next tick reads the reply: an invitation, so the round is closed and nothing more is planned"
clock=()
tick
fu show "$app"
echo
echo "A week later, when the second check-in would have been due:"
week_later=$(date -u -d "$due_day +7 days" +%F)
clock=(env TZ=Europe/Berlin faketime "$week_later 10:00:00")
tick
fu queue

step "Done: no follow-up after the employer replied. The demo's files are in .demo/; the mail servers stop now."
