#!/usr/bin/env python3
"""A TCP proxy that adds latency, for benchmarks of a relay across the internet: every byte
is held DELAY_MS/2 on its way to the server and DELAY_MS/2 on its way back, so each SMTP
exchange (a command and its reply) takes DELAY_MS longer, as with a relay that far away.
Bytes keep their order and the throughput is not limited; each connection is its own pair.

    bench/latency-proxy.py LISTEN_PORT TARGET_HOST:TARGET_PORT [DELAY_MS]   # default 50
"""
import asyncio
import socket
import sys
import time


async def pipe(reader, writer, delay):
    queue = asyncio.Queue()

    async def read():
        while True:
            data = await reader.read(65536)
            await queue.put((time.monotonic() + delay, data))
            if not data:
                return

    async def write():
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                try:
                    writer.write_eof()
                except OSError:
                    pass
                return
            writer.write(data)
            await writer.drain()

    try:
        await asyncio.gather(read(), write())
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def main(port, host, target_port, delay):
    async def serve(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(host, target_port)
        except OSError:
            client_writer.close()
            return
        # no Nagle: a reply held for the peer's delayed ACK would add 40 ms to the delay
        for writer in (client_writer, server_writer):
            writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await asyncio.gather(pipe(client_reader, server_writer, delay / 2),
                             pipe(server_reader, client_writer, delay / 2))

    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    target_host, target_port = sys.argv[2].rsplit(":", 1)
    delay_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 50.0
    asyncio.run(main(int(sys.argv[1]), target_host, int(target_port), delay_ms / 1000.0))
