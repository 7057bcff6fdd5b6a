"""A tile server of the tests' own, on loopback (tests/directory/test_maps.py and the
browser tests of maps): no test reaches the internet."""

import io
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image


def tile_png(shade=200, noise=False):
    image = Image.new("RGB", (256, 256), (shade, shade, 220))
    if noise:  # a tile that does not compress to nothing, for the size bound
        image.putdata([((i * 7919) % 251, (i * 104729) % 241, shade) for i in range(256 * 256)])
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class TileServer:
    """An XYZ tile server on loopback that counts what it is asked for."""

    def __init__(self, delay=0.0, noise=False, content=None):
        self.asked = []
        self.delay = delay
        content = content if content is not None else tile_png(noise=noise)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.asked.append(self.path)
                if server.delay:
                    time.sleep(server.delay)
                if not re.fullmatch(r"/tiles/\d+/\d+/\d+\.png", self.path):
                    self.send_error(404)
                    return
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the site gave up waiting (the slow server's test)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/tiles/{{z}}/{{x}}/{{y}}.png"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
