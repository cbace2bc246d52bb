#!/usr/bin/env python3
"""A small SMTP sink for the rate benchmark: accepts every message, on many connections at
once, and appends the moment each one is accepted (seconds since the epoch) to a file, one
line per message. Optionally reports the busiest and the quietest 10-second windows of a
file written before.

    bench/timestamp-sink.py PORT FILE            # serve until killed
    bench/timestamp-sink.py --report FILE [RATE] # the per-window figures of FILE
    bench/timestamp-sink.py --gaps FILE          # arrivals per second, and the still moments
"""
import socket
import socketserver
import sys
import threading
import time

lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def handle(self):
        # no Nagle: a reply held for the client's delayed ACK would add 40 ms to an exchange
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
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
                # read in blocks, not lines: a line at a time, the sink is what a
                # hundred connections wait for. The client waits for the reply after the
                # final dot, so the dot ends what has been read.
                tail = b"\r\n"
                while True:
                    data = self.rfile.read1(65536)
                    if not data:
                        return
                    tail = (tail + data)[-5:]
                    if tail == b"\r\n.\r\n":
                        break
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
    # a hundred connections opened at once: the default backlog of 5 drops some
    request_queue_size = 1024


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


def gaps(path):
    """Arrivals per second over the run, and how much of it passed with nothing arriving
    (100 ms slots without an arrival): with every connection busy the arrivals are even;
    connections waiting for each other show as bursts and still slots."""
    times = sorted(float(line) for line in open(path) if line.strip())
    if len(times) < 2:
        print("fewer than two messages in %s" % path)
        return
    start, span = times[0], times[-1] - times[0]
    seconds = [0] * (int(span) + 1)
    slots = set()
    for t in times:
        seconds[int(t - start)] += 1
        slots.add(int((t - start) * 10))
    total_slots = int(span * 10) + 1
    print("%d messages in %.1f s: %.1f/s on average" % (len(times), span, (len(times) - 1) / span))
    print("per second: " + " ".join(str(n) for n in seconds))
    print("100 ms slots with no arrival: %d of %d (%.0f%%)" % (total_slots - len(slots), total_slots,
                                                              100.0 * (total_slots - len(slots)) / total_slots))


if __name__ == "__main__":
    if sys.argv[1] == "--gaps":
        gaps(sys.argv[2])
    elif sys.argv[1] == "--report":
        report(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        out = open(sys.argv[2], "a")
        Server(("127.0.0.1", int(sys.argv[1])), Session).serve_forever()
