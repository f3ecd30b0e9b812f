#!/usr/bin/env python3
"""A slow loopback stand-in for Shodan InternetDB, for bench/ioc-enrich.sh.

GET /IP is answered after --delay seconds (default 0.1), and at most --limit requests (default 50)
are served at once: the others wait for a free slot, as behind a server with 50 workers. The body
has the shape of InternetDB's documented /{ip} answer ({"ip", "ports", "cpes", "hostnames",
"tags", "vulns"}); about one address in five gets 404 {"detail": "No information available"},
as InternetDB answers for an address it has not seen. Answers depend only on the address.

HTTP/1.1 with keep-alive, as a real API server offers. One asyncio event loop rather than a
thread per connection: on a small, busy machine the threaded http.server costs several times
more CPU per request and wakes late, which would make the server, not the client, the
bottleneck of the bench.

Every request is logged to --log as one line "request IN_FLIGHT STATUS PATH" (IN_FLIGHT: requests
being served at that moment, this one included) and every TCP connection as "connection", so the
bench counts requests and connections and sees the concurrency the client reached. The server
listens on 127.0.0.1 only, on --port (default 0: a free port), and writes the port to --port-file
once it accepts connections. Python standard library only.

Usage: slow_api_server.py --log FILE --port-file FILE [--port N] [--delay S] [--limit N]
"""

import argparse
import asyncio
import ipaddress
import json
import os
import zlib

PORTS = [21, 22, 25, 53, 80, 110, 143, 443, 465, 993, 3306, 3389, 5060, 8080, 8443]
CPES = ["cpe:/a:openbsd:openssh", "cpe:/a:nginx:nginx", "cpe:/a:apache:http_server",
        "cpe:/o:canonical:ubuntu_linux", "cpe:/a:microsoft:internet_information_services"]
TAGS = ["cloud", "self-signed", "starttls", "vpn", "scanner", "database"]
VULNS = ["CVE-2021-44228", "CVE-2023-44487", "CVE-2019-0708", "CVE-2014-0160"]
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


def answer(ip):
    """(status, body) for one address: the same every time for the same address."""
    h = zlib.crc32(ip.encode())
    if h % 5 == 0:
        return 404, {"detail": "No information available"}
    ports = sorted({PORTS[(h >> s) % len(PORTS)] for s in (3, 7, 11)})
    return 200, {
        "ip": ip,
        "ports": ports,
        "cpes": [CPES[(h >> 5) % len(CPES)]] if h % 3 == 0 else [],
        "hostnames": ["host-%d.net-%d.example.net" % (h % 1000, h % 97)] if h % 4 == 0 else [],
        "tags": [TAGS[(h >> 9) % len(TAGS)]] if h % 7 == 0 else [],
        "vulns": [VULNS[(h >> 13) % len(VULNS)]] if h % 11 == 0 else [],
    }


def route(method, path):
    """(status, body) for one request."""
    if method not in ("GET", "HEAD"):
        return 405, {"detail": "Method Not Allowed"}
    ip = path.split("?", 1)[0].lstrip("/")
    try:
        ipaddress.IPv4Address(ip)
    except ValueError:
        return 404, {"detail": "Not Found"}
    return answer(ip)


class Server:
    def __init__(self, log_path, delay, limit):
        self.delay = delay
        self.slots = asyncio.Semaphore(limit)
        self.in_flight = 0
        self.log = open(log_path, "a", buffering=1)

    async def serve(self, reader, writer):
        self.log.write("connection\n")
        try:
            while await self.one_request(reader, writer):
                pass
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    async def one_request(self, reader, writer):
        """Answers one request; False when the connection is to be closed."""
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        parts = head[0].split(" ")
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if len(parts) != 3:
            status, body, keep = 400, {"detail": "Bad Request"}, False
        else:
            method, path, version = parts
            length = int(headers.get("content-length", "0") or 0)
            if length:
                await reader.readexactly(length)
            connection = headers.get("connection", "")
            keep = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
            async with self.slots:
                self.in_flight += 1
                in_flight = self.in_flight
                try:
                    await asyncio.sleep(self.delay)
                finally:
                    self.in_flight -= 1
            status, body = route(method, path)
            self.log.write("request %d %d %s\n" % (in_flight, status, path))
        data = json.dumps(body).encode()
        writer.write(("HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                      "%s\r\n" % (status, REASONS[status], len(data),
                                  "" if keep else "Connection: close\r\n")).encode())
        if not (len(parts) == 3 and parts[0] == "HEAD"):
            writer.write(data)
        await writer.drain()
        return keep


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args()
    state = Server(args.log, args.delay, args.limit)
    # A deep accept backlog: the default would drop a burst of concurrent connects.
    server = await asyncio.start_server(state.serve, "127.0.0.1", args.port, backlog=1024)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.sockets[0].getsockname()[1])
    os.replace(tmp, args.port_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
