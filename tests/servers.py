"""Real servers the tests start for themselves: Redis (Debian's `redis-server`), and the URL
of the test database for app servers and writers in processes of their own.

Where the program is missing the tests that need it are skipped with a reason, except in CI
(`CI` set), where they must run: a missing server fails them, nothing falls back silently.
"""

import os
import shutil
import socket
import subprocess
import time

import pytest


def database_url():
    """The URL of the test database this process uses, for servers and writers of its own."""
    from django.db import connection

    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}"
        f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def needed(program, install):
    path = shutil.which(program)
    if path is None:
        message = f"{program} not found: {install}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class RedisServer:
    """A Redis of the test's own on a free port, with nothing saved to disk; `stop` and
    `start` again on the same port, as a Redis restarting does (empty afterwards)."""

    def __init__(self):
        self.program = needed("redis-server", "apt-get install redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own program path and arguments
            [self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None

    def stored_keys(self):
        import redis

        return redis.Redis.from_url(self.url).keys("*")
