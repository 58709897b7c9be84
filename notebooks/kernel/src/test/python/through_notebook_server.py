"""Runs cells on the QISE kernel through a real `jupyter notebook` server, as a browser would:
over the server's websocket, so that the server's default IOPub rate limits apply
(iopub_msg_rate_limit 1000 messages/s and iopub_data_rate_limit 1 MB/s over 3 s windows).
Messages are built with jupyter_client's Session, the same code Jupyter front ends use.

Checks: a 5,000-line print loop arrives whole, without "IOPub ... rate exceeded"; a 24-qubit
state vector as a cell value produces less than 100 kB of output. Exit status 0 when both hold.

usage: python3 through_notebook_server.py <notebooks folder (holds kernels/qise-java)>
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from jupyter_client.session import Session
from tornado import ioloop, websocket

TOKEN = "qise-test-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "token " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.loads(response.read() or b"null")


async def run_cells(ws_url, cells):
    """Executes each cell in turn; returns, per cell, the list of IOPub messages it caused."""
    session = Session(key=b"", username="qise-test")
    conn = await websocket.websocket_connect(ws_url)
    results = []
    # Wait until the kernel answers (it starts a Java VM or two).
    info = session.msg("kernel_info_request", {})
    info["channel"] = "shell"
    conn.write_message(json.dumps(info, default=str))
    deadline = time.time() + 120
    while time.time() < deadline:
        msg = json.loads(await conn.read_message())
        if msg["msg_type"] == "kernel_info_reply":
            break
    for code in cells:
        msg = session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                              "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        msg["channel"] = "shell"
        conn.write_message(json.dumps(msg, default=str))
        msg_id = msg["header"]["msg_id"]
        caused = []
        deadline = time.time() + 300
        while time.time() < deadline:
            raw = await conn.read_message()
            if raw is None:
                raise SystemExit("the server closed the websocket")
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg_id and reply["msg_type"] != "stream":
                continue
            if reply["channel"] == "iopub":
                caused.append(reply)
                if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
                    break
        results.append(caused)
    conn.close()
    return results


def main():
    notebooks = os.path.abspath(sys.argv[1])
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    env = dict(os.environ, JUPYTER_PATH=notebooks)
    workdir = tempfile.mkdtemp(prefix="qise-notebook-server-")
    server = subprocess.Popen(
        [sys.executable, "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", "--port=%d" % port,
         "--NotebookApp.token=" + TOKEN, "--NotebookApp.notebook_dir=" + workdir],
        env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir, "server.log"), "w"))
    failures = []
    try:
        for _ in range(120):
            try:
                request(base, "GET", "/api")
                break
            except OSError:
                time.sleep(0.5)
        kernel = request(base, "POST", "/api/kernels", {"name": "qise-java"})
        ws_url = "ws://127.0.0.1:%d/api/kernels/%s/channels?token=%s" % (port, kernel["id"], TOKEN)
        loop_cell = 'for (int i = 0; i < 5000; i++) System.out.println("line " + i);'
        big_cells = ["CircuitBuilder wide = Circuit.builder(24, 0);\nfor (int q = 0; q < 24; q++) wide.h(q);\n"
                     "Result big = Simulator.builder().build().run(wide.build());",
                     "big.statevector()"]
        printed, _, state = ioloop.IOLoop.current().run_sync(lambda: run_cells(ws_url, [loop_cell] + big_cells), timeout=600)

        text = "".join(m["content"]["text"] for m in printed if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        warnings = "".join(m["content"]["text"] for m in printed if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        streams = sum(1 for m in printed if m["msg_type"] == "stream")
        expected = "".join("line %d\n" % i for i in range(5000))
        print("5,000-line loop: %d stream messages, %d characters received" % (streams, len(text)))
        if "rate exceeded" in warnings:
            failures.append("the server dropped output: " + warnings.strip()[:200])
        if text != expected:
            got = text.count("\n")
            failures.append("the loop's output did not arrive whole: %d of 5000 lines" % got)

        size = sum(len(json.dumps(m["content"])) for m in state if m["msg_type"] in ("execute_result", "display_data", "stream"))
        errors = [m["content"] for m in state if m["msg_type"] == "error"]
        print("24-qubit state vector as a cell value: %d bytes of output" % size)
        if errors or not any(m["msg_type"] == "execute_result" for m in state):
            failures.append("the state-vector cell showed no value: %s" % errors)
        if size >= 100_000:
            failures.append("the state-vector cell produced %d bytes of output (limit 100 kB)" % size)
        request(base, "DELETE", "/api/kernels/" + kernel["id"])
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    for f in failures:
        print("FAILED: " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
