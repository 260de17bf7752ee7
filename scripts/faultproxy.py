#!/usr/bin/env python3
"""A small TCP proxy that injects network faults for the transport tests
(tc netem is not available here).

  faultproxy.py --listen PORT --target PORT [--fault MODE] [--faulty N]
                [--record FILE] [--tls-cert PEM --tls-key PEM]
                [--source ADDR] [--target-tls]

MODE (applies to the first N connections, default 1; later ones pass through):
  pass            forward both ways
  stall           accept and never answer
  close-on:TEXT   forward until the server sends TEXT, then close both sides
  hold-on:TEXT    forward until the server sends TEXT, then hold it back and
                  keep both sides open (a client caught waiting for an answer)
  drop-on:TEXT    forward until the server sends the line holding TEXT, then
                  close both sides without that line (an answer lost)
  rewrite:OLD=>NEW  forward, but replace OLD by NEW in what the server sends
                  (a server that lies; OLD should fit in one small answer);
                  several replacements are joined by &&
--record FILE     append every byte the client sends to FILE
--tls-cert/key    terminate TLS towards the client (implicit TLS) and talk
                  plain to the target, e.g. to put TLS in front of smtp-sink
--source ADDR     connect to the target from this loopback address: Dovecot
                  slows every later login from an address that failed one
--target-tls      speak TLS to the target (implicit TLS, certificate not
                  checked: the target is the test's own server on loopback);
                  with --tls-cert this records the decrypted client bytes
--ready FILE      created once the proxy listens (probing the port would use
                  up a faulty connection)
--held FILE       created when hold-on begins holding an answer back
"""
import argparse
import socket
import ssl
import threading


def pump(src, dst, record=None, close_on=None, hold_on=None, held=None, drop_on=None, rewrite=None):
    seen = b""
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if record:
                with open(record, "ab") as f:
                    f.write(data)
            for old, new in rewrite or []:
                data = data.replace(old, new)
            if close_on is not None:
                seen = (seen + data)[-65536:]
                cut = seen.find(close_on)
                if cut >= 0:
                    dst.sendall(data[: max(0, len(data) - (len(seen) - cut - len(close_on)))])
                    break
            if hold_on is not None:
                seen = (seen + data)[-65536:]
                cut = seen.find(hold_on)
                if cut >= 0:
                    # Everything before the answer goes through; the answer never does.
                    dst.sendall(data[: max(0, len(data) - (len(seen) - cut))])
                    if held:
                        open(held, "w").close()
                    threading.Event().wait()
            if drop_on is not None:
                seen = (seen + data)[-65536:]
                cut = seen.find(drop_on)
                if cut >= 0:
                    # The lines before the answer go through; not one byte of its line does.
                    line = seen.rfind(b"\n", 0, cut) + 1
                    dst.sendall(data[: max(0, len(data) - (len(seen) - line))])
                    break
            dst.sendall(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


def serve(client, args, context, faulty):
    if context:
        try:
            client = context.wrap_socket(client, server_side=True)
        except (OSError, ssl.SSLError):
            client.close()
            return
    mode = args.fault if faulty else "pass"
    if mode == "stall":
        threading.Event().wait()
    try:
        upstream = socket.create_connection(("127.0.0.1", args.target),
                                            source_address=(args.source, 0) if args.source else None)
        if args.target_tls:
            to_target = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            to_target.check_hostname = False
            to_target.verify_mode = ssl.CERT_NONE
            upstream = to_target.wrap_socket(upstream)
    except (OSError, ssl.SSLError):
        client.close()
        return
    close_on = mode[len("close-on:"):].encode() if mode.startswith("close-on:") else None
    hold_on = mode[len("hold-on:"):].encode() if mode.startswith("hold-on:") else None
    drop_on = mode[len("drop-on:"):].encode() if mode.startswith("drop-on:") else None
    rewrite = [tuple(part.encode() for part in pair.split("=>", 1)) for pair in mode[len("rewrite:"):].split("&&")] \
        if mode.startswith("rewrite:") else None
    threading.Thread(target=pump, args=(client, upstream, args.record), daemon=True).start()
    pump(upstream, client, None, close_on, hold_on, args.held, drop_on, rewrite)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", type=int, required=True)
    p.add_argument("--target", type=int, required=True)
    p.add_argument("--fault", default="pass")
    p.add_argument("--faulty", type=int, default=1)
    p.add_argument("--record")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--source")
    p.add_argument("--target-tls", action="store_true")
    p.add_argument("--ready", help="file created once listening")
    p.add_argument("--held", help="file created when hold-on holds an answer back")
    args = p.parse_args()
    context = None
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", args.listen))
    server.listen(16)
    if args.ready:
        open(args.ready, "w").close()
    count = 0
    while True:
        client, _ = server.accept()
        count += 1
        threading.Thread(target=serve, args=(client, args, context, count <= args.faulty), daemon=True).start()


if __name__ == "__main__":
    main()
