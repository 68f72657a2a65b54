"""A tiny HTTP load balancer for the loopback topology (scripts/topology.sh).

Round-robin over the backends given on the command line; a backend that refuses
the connection (its process is down) is skipped and the request goes to the next
one, so nothing was sent to the dead one and even a POST is safe to pass on. Sets
X-Forwarded-For like a real proxy. Stdlib only.

    python scripts/topology_balancer.py 8150 127.0.0.1:8151 127.0.0.1:8152
"""

import http.client
import itertools
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "upgrade"}


def make_handler(backends):
    cycle = itertools.cycle(range(len(backends)))
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {
                k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS
            }
            headers["X-Forwarded-For"] = self.client_address[0]
            with lock:
                start = next(cycle)
            for i in range(len(backends)):
                host, port = backends[(start + i) % len(backends)]
                connection = http.client.HTTPConnection(host, port, timeout=60)
                try:
                    connection.request(self.command, self.path, body, headers)
                except ConnectionRefusedError:
                    connection.close()
                    continue
                try:
                    response = connection.getresponse()
                    data = response.read()
                except (OSError, http.client.HTTPException):
                    # The backend died with the request: it may have been carried
                    # out, so it is not sent again; the client hears 502.
                    connection.close()
                    self.send_error(502, "the backend closed the connection")
                    return
                self.send_response(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in HOP_HEADERS | {"content-length"}:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Backend", str(port))
                self.end_headers()
                self.wfile.write(data)
                connection.close()
                return
            self.send_error(502, "no backend answered")

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _forward

    return Handler


def main():
    port = int(sys.argv[1])
    backends = [(b.split(":")[0], int(b.split(":")[1])) for b in sys.argv[2:]]
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(backends))
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
