#!/usr/bin/env python3
"""Complaint-filing client for Benchmarks/fault.sh.

Connects to a helpdesk, files one-message anonymous complaints over the JSON line protocol
(answering "ya" when the desk asks to confirm), and appends `ticket<TAB>text` to LOG for every
ticket it receives, flushed at once, so the log survives the server being killed. Each complaint
has its own user and a letters-only marker (digits could be masked as identity numbers). Stops at
the first disconnect or after MAX complaints.

    fault_client.py PORT NAME LOG [MAX]
"""
import json, socket, sys

port, name, log_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
limit = int(sys.argv[4]) if len(sys.argv) > 4 else 1000

def marker(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s

def main():
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    except OSError:
        return
    f = sock.makefile("rwb")
    log = open(log_path, "a")
    sent = filed = replies = 0

    def ask(obj):
        nonlocal replies
        f.write((json.dumps(obj, ensure_ascii=False) + "\n").encode())
        f.flush()
        line = f.readline()
        if not line:
            raise EOFError
        replies += 1
        return json.loads(line)

    try:
        if not f.readline():                  # banner
            return
        for n in range(limit):
            user = f"fault:{name}:{n}"
            text = f"saya mau mengadukan pungli di kelas oleh panitia, anonim, ruang {name}{marker(n)}"
            sent += 1
            reply = ask({"id": f"{name}-{n}-a", "user": user, "text": text})
            if "ticket" not in reply and "error" not in reply:
                reply = ask({"id": f"{name}-{n}-b", "user": user, "text": "ya"})
            if "error" in reply:
                print(f"{name}: error reply {reply['error']}", file=sys.stderr)
                continue
            ticket = reply.get("ticket")
            if ticket:
                log.write(f"{ticket}\t{text}\n")
                log.flush()
                filed += 1
            else:
                print(f"{name}: no ticket after confirming: {reply.get('reply','')[:80]!r}", file=sys.stderr)
    except (EOFError, OSError, ValueError):
        pass
    finally:
        print(f"{name}: {filed} tickets, {sent - filed} unanswered or refused, {replies} replies", file=sys.stderr)

main()
