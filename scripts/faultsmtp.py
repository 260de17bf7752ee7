#!/usr/bin/env python3
"""An SMTP server that misbehaves in the DATA phase, for the transport tests
(smtp-sink cannot answer between 354 and the final dot).

  faultsmtp.py --listen PORT --fault MODE [--ready FILE]

MODE:
  refuse-after-354       send 354, then at once 550 and hang up
  refuse-after-354-read  send 354, then at once 550; read the message; 550 at the dot
  defer-after-354        send 354, then at once 451 and hang up
  refuse-at-dot          read the message; 554 at the dot
  defer-at-dot           read the message; 451 at the dot
  drop-after-dot         read the message; hang up without an answer
  accept                 read the message; 250 at the dot
  stall-at:VERB          answer nothing from VERB on (MAIL, RCPT, DATA, or . for
                         the final dot), keeping the connection open
  at:VERB:CODE           answer VERB (CONNECT for the greeting, EHLO, MAIL, RCPT,
                         DATA, or . for the final dot) with CODE and go on; a 421
                         closes the connection after it, as RFC 5321 says

  --fill DIR             at the final dot, fill DIR's file system to the last
                         block before answering (a disk that fills after the
                         server took the message)
"""
import argparse
import os
import socket
import threading

TEXT = {"421": b"4.3.2 service shutting down", "451": b"4.3.0 try again later", "452": b"4.3.1 insufficient storage",
        "550": b"5.1.1 mailbox unavailable", "552": b"5.3.4 message too big", "554": b"5.7.1 rejected"}


def injected(mode, verb):
    """The CODE that `at:VERB:CODE` puts in place of VERB's answer, or None."""
    parts = mode.split(":")
    if len(parts) == 3 and parts[0] == "at" and parts[1].upper() == verb:
        return parts[2]
    return None


def answer(conn, code):
    """Sends CODE's line; False when it closes the connection (421)."""
    conn.sendall(code.encode() + b" " + TEXT.get(code, b"fault") + b"\r\n")
    return code != "421"


def fill(directory):
    """Writes DIR/faultsmtp-filler until the file system is full."""
    path = os.path.join(directory, "faultsmtp-filler")
    with open(path, "ab", buffering=0) as filler:
        block = b"\0" * 4096
        try:
            while True:
                filler.write(block)
        except OSError:
            pass


def serve(conn, mode, fill_dir):
    f = conn.makefile("rb")
    try:
        code = injected(mode, "CONNECT")
        if code:
            if not answer(conn, code):
                return
        else:
            conn.sendall(b"220 faultsmtp ESMTP\r\n")
        while True:
            line = f.readline()
            if not line:
                return
            verb = line.split(b" ")[0].split(b":")[0].strip().upper()
            if mode == "stall-at:" + verb.decode(errors="replace"):
                threading.Event().wait()
            code = injected(mode, verb.decode(errors="replace"))
            if code and verb != b"QUIT":
                if not answer(conn, code):
                    return
                continue
            if verb == b"EHLO":
                conn.sendall(b"250-faultsmtp\r\n250 8BITMIME\r\n")
            elif verb == b"QUIT":
                conn.sendall(b"221 2.0.0 bye\r\n")
                return
            elif verb == b"DATA":
                conn.sendall(b"354 end with <CRLF>.<CRLF>\r\n")
                if mode in ("refuse-after-354", "refuse-after-354-read"):
                    conn.sendall(b"550 5.7.1 message refused by policy\r\n")
                    if mode == "refuse-after-354":
                        return
                if mode == "defer-after-354":
                    conn.sendall(b"451 4.3.0 try again later\r\n")
                    return
                while True:
                    body = f.readline()
                    if not body:
                        return
                    if body == b".\r\n":
                        break
                if mode == "stall-at:.":
                    threading.Event().wait()
                if fill_dir:
                    fill(fill_dir)
                code = injected(mode, ".")
                if code:
                    answer(conn, code)
                    if code == "421":
                        return
                    continue
                reply = {"refuse-after-354-read": b"550 5.7.1 message refused by policy\r\n",
                          "refuse-at-dot": b"554 5.7.1 rejected\r\n", "defer-at-dot": b"451 4.3.0 try again later\r\n",
                          "drop-after-dot": None}.get(mode, b"250 2.0.0 queued\r\n")
                if reply is None:
                    return
                conn.sendall(reply)
            else:
                conn.sendall(b"250 2.0.0 ok\r\n")
    except OSError:
        pass
    finally:
        conn.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", type=int, required=True)
    p.add_argument("--fault", default="accept")
    p.add_argument("--ready")
    p.add_argument("--fill")
    args = p.parse_args()
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", args.listen))
    server.listen(16)
    if args.ready:
        open(args.ready, "w").close()
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn, args.fault, args.fill), daemon=True).start()


if __name__ == "__main__":
    main()
