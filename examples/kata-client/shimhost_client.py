"""A client of shimhost's HTTP API for a Kata-v1-style runtime: the shim operations Kata's
runtime calls in-process (startShim, isShimRunning, waitForShim, stopShim), over the node's
Unix-domain socket, with Python's standard library only.

    client = ShimhostClient("/var/lib/shimhost/state/api.sock")
    shim = client.start_shim("kataShim", container="c1", url="vsock://3:1024", detach=True)
    client.is_shim_running(shim["id"])        # True
    client.stop_shim(shim["id"], timeout=5)   # SIGTERM, SIGKILL after 5 s
    client.wait_for_shim(shim["id"], 10)      # the shim once ended
    client.forget_shim(shim["id"])

Every error of the API arrives as ShimhostError, carrying the RFC 9457 problem (status, detail,
and for a bad field its name and value).
"""

import http.client
import json
import socket
import urllib.parse

__all__ = ["ShimhostClient", "ShimhostError", "ShimTimeout"]


class ShimhostError(Exception):
    """An answer of the API that is an error: its status and problem document."""

    def __init__(self, status, problem):
        super().__init__(problem.get("detail", "HTTP %d" % status))
        self.status = status
        self.problem = problem
        self.field = problem.get("field")
        self.value = problem.get("value")


class ShimTimeout(Exception):
    """A wait ran out before the shim ended (Kata's waitForShim returns an error then too)."""


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


class ShimhostClient:
    """One keep-alive connection to a shimhost daemon's API socket; not for several threads at once."""

    def __init__(self, socket_path, timeout=120):
        self._path = socket_path
        self._timeout = timeout
        self._connection = None

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _call(self, method, path, body=None, query=None, timeout=None):
        if query:
            path += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        headers = {}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = _UnixConnection(self._path, timeout or self._timeout)
            try:
                self._connection.request(method, path, body=payload, headers=headers)
                response = self._connection.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.RemoteDisconnected, BrokenPipeError):
                # the daemon closed an idle keep-alive connection: one new one
                self.close()
                if attempt == 2:
                    raise
        if response.status >= 400:
            raise ShimhostError(response.status, json.loads(data or b"{}"))
        return json.loads(data) if data.strip() else None

    @staticmethod
    def _id(shim_id):
        return urllib.parse.quote(shim_id, safe="")

    def start_shim(self, shim_type, **options):
        """Kata's startShim: starts a shim of shim_type; options are the API's start fields
        (id, container, sandbox, url, console, consoleUrl, terminal, detach, log, pid,
        newNamespaces, enterNamespaces, config, env). Returns the shim."""
        return self._call("POST", "/v1/shims", dict(options, type=shim_type))

    def plan_shim(self, shim_type, **options):
        """What start_shim would do, refusing what it would refuse; nothing is started."""
        return self._call("POST", "/v1/shims", dict(options, type=shim_type), {"dryRun": "true"})

    def shim(self, shim_id):
        """The shim as GET /v1/shims/{id} shows it (its row, log and live process)."""
        return self._call("GET", "/v1/shims/" + self._id(shim_id))

    def is_shim_running(self, shim_id):
        """Kata's isShimRunning."""
        return self.shim(shim_id)["shim"]["state"] == "running"

    def wait_for_shim(self, shim_id, timeout):
        """Kata's waitForShim: the shim once it ended; ShimTimeout when timeout seconds ran out."""
        shim = self._call("POST", "/v1/shims/%s/wait" % self._id(shim_id), query={"timeout": timeout},
                          timeout=timeout + self._timeout)
        if shim["state"] == "running":
            raise ShimTimeout("shim %s still runs after %s s" % (shim_id, timeout))
        return shim

    def stop_shim(self, shim_id, timeout=None):
        """Kata's stopShim (SIGKILL); with timeout, SIGTERM first and SIGKILL when it is over."""
        return self._call("POST", "/v1/shims/%s/stop" % self._id(shim_id), query={"timeout": timeout},
                          timeout=(timeout or 0) + self._timeout)

    def signal_shim(self, shim_id, signal):
        return self._call("POST", "/v1/shims/%s/signal" % self._id(shim_id), {"signal": signal})

    def forget_shim(self, shim_id):
        """Removes an ended shim's record; its id is free again."""
        return self._call("DELETE", "/v1/shims/" + self._id(shim_id))

    def shims(self, **filters):
        """The table; filters: type, container, sandbox, state."""
        return self._call("GET", "/v1/shims", query=filters)
