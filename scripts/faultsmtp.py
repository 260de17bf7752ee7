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
"""
import argparse
import socket
import threading


def serve(conn, mode):
    f = conn.makefile("rb")
    conn.sendall(b"220 faultsmtp ESMTP\r\n")
    try:
        while True:
            line = f.readline()
            if not line:
                return
            verb = line.split(b" ")[0].split(b":")[0].strip().upper()
            if mode == "stall-at:" + verb.decode(errors="replace"):
                threading.Event().wait()
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
                answer = {"refuse-after-354-read": b"550 5.7.1 message refused by policy\r\n",
                          "refuse-at-dot": b"554 5.7.1 rejected\r\n", "defer-at-dot": b"451 4.3.0 try again later\r\n",
                          "drop-after-dot": None}.get(mode, b"250 2.0.0 queued\r\n")
                if answer is None:
                    return
                conn.sendall(answer)
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
    args = p.parse_args()
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", args.listen))
    server.listen(16)
    if args.ready:
        open(args.ready, "w").close()
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn, args.fault), daemon=True).start()


if __name__ == "__main__":
    main()
