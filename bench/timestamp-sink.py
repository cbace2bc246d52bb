#!/usr/bin/env python3
"""A small SMTP sink for the rate benchmark: accepts every message, on many connections at
once, and appends the moment each one is accepted (seconds since the epoch) to a file, one
line per message. Optionally reports the busiest and the quietest 10-second windows of a
file written before.

    bench/timestamp-sink.py PORT FILE            # serve until killed
    bench/timestamp-sink.py --report FILE [RATE] # the per-window figures of FILE
"""
import socketserver
import sys
import threading
import time

lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 timestamp-sink ESMTP\r\n")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line[:4].upper()
            if command == b"EHLO":
                self.wfile.write(b"250-timestamp-sink\r\n250-8BITMIME\r\n250 SIZE 100000000\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                if not data:
                    return
                with lock:
                    out.write("%.6f\n" % time.time())
                    out.flush()
                self.wfile.write(b"250 2.0.0 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def report(path, rate):
    times = sorted(float(line) for line in open(path) if line.strip())
    if len(times) < 2:
        print("fewer than two messages in %s" % path)
        return
    window = 10.0
    counts = []
    j = 0
    # every window that starts at an arrival and ends before the last one
    for i, start in enumerate(times):
        if start + window > times[-1]:
            break
        while j < len(times) and times[j] < start + window:
            j += 1
        counts.append(j - i)
    span = times[-1] - times[0]
    print("%d messages in %.1f s: %.1f/s on average" % (len(times), span, (len(times) - 1) / span))
    if counts:
        busiest = max(counts) / window
        quietest = min(counts) / window
        line = "10-second windows: busiest %.1f/s, quietest %.1f/s" % (busiest, quietest)
        if rate:
            line += " (limit %s/s: busiest is %+.1f%%)" % (rate, (busiest / float(rate) - 1) * 100)
        print(line)


if __name__ == "__main__":
    if sys.argv[1] == "--report":
        report(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        out = open(sys.argv[2], "a")
        Server(("127.0.0.1", int(sys.argv[1])), Session).serve_forever()
