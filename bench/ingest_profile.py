"""Where head office's CPU goes per push, the whole request in one thread; not a test.

    .venv/bin/python -m bench.ingest_profile [--tills 2] [--events 5000] [--top 40]
        [--sort cumulative|tottime] [--dump FILE] [--plain]

cProfile counts CPU time (`time.process_time`), not time spent waiting for PostgreSQL. The
real ASGI app (`create_app`, the same answer keys) is called in this process's main thread
through an httpx transport, with FastAPI's thread pool replaced by a direct call, so the
profile holds everything a push costs: the signature, the nonce, reading and validating the
JSON, the ingest, the chain head and the signed answer. Tills are enrolled with a real
`kaika-headoffice serve` as in bench/ingest_bench.py, then push to the in-process app.
`--plain` runs without the profiler and prints only the CPU per push.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
from email.message import Message
from pathlib import Path
from typing import Any

import httpx

from bench.ingest_bench import bodies
from bench.sync_backlog import day_of_trade
from bench.sync_bench import HeadOffice, prepared
from headoffice import keys
from sync.link import Answer, Link, Request

BATCH = 500


class InlineASGI(httpx.BaseTransport):
    """Runs the ASGI app to completion in the calling thread for each request."""

    def __init__(self, app: Any) -> None:
        self.app, self.loop = app, asyncio.new_event_loop()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": request.method, "scheme": "http", "path": request.url.path,
                 "raw_path": request.url.raw_path.split(b"?")[0],
                 "query_string": request.url.query, "root_path": "",
                 "headers": [(k.lower(), v) for k, v in request.headers.raw],
                 "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
        sent = {"done": False}
        status, headers, chunks = 500, [], []

        async def receive() -> dict[str, Any]:
            if sent["done"]:
                return {"type": "http.disconnect"}
            sent["done"] = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], message.get("headers", [])
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        self.loop.run_until_complete(self.app(scope, receive, send))
        return httpx.Response(status, headers=headers, content=b"".join(chunks))


class InlineLink:
    """The till's link to head office (sync/link.py) with every request sent to the ASGI app
    in this thread: the requests are made as the real link makes them (same path, headers,
    signature), only the socket is left out."""

    def __init__(self, link: Link, app: Any) -> None:
        self.link, self.asgi = link, InlineASGI(app)

    def request(self, *args: Any, **kwargs: Any) -> Request:
        return self.link.request(*args, **kwargs)

    def send(self, request: Request) -> Answer:
        answer = self.asgi.handle_request(httpx.Request(
            request.method, f"http://head-office{request.target}", headers=request.headers,
            content=request.content))
        headers = Message()
        for name, value in answer.headers.items():
            headers[name] = value
        return Answer(answer.status_code, headers, answer.content)

    def close(self) -> None:
        self.link.close()


def inline_threadpool() -> None:
    """FastAPI's and the app's `run_in_threadpool` call directly (cProfile sees one thread)."""
    import fastapi.dependencies.utils
    import fastapi.routing

    import headoffice.app

    async def direct(func: Any, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    for module in (fastapi.routing, fastapi.dependencies.utils, headoffice.app):
        module.run_in_threadpool = direct  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--tills", type=int, default=2)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--dump", type=Path, help="also write the raw pstats here")
    parser.add_argument("--plain", action="store_true", help="no profiler: CPU per push only")
    args = parser.parse_args()
    from headoffice.app import Settings, create_app

    inline_threadpool()
    Path("bench/data").mkdir(parents=True, exist_ok=True)
    day = day_of_trade(Path("bench/data/sync-day-2000.sqlite3"), 2000)
    with tempfile.TemporaryDirectory() as tmp:
        ho = HeadOffice(args.pg, 1, Path(tmp))
        try:
            ho.stores(args.tills + 1)
            app = create_app(ho.engine, Settings(
                answer_keys=keys.read_file(Path(tmp) / f"answer-keys-{ho.port}")))
            tills = [prepared(ho, day, Path(tmp), f"p{i}", f"S{1 + i:03d}", args.events)
                     for i in range(args.tills)]
            batches = [bodies(t) for t in tills]
            for till in tills:
                assert till.client is not None
                till.client.ho._http = InlineLink(till.client.ho._http, app)  # type: ignore
            prof, events = cProfile.Profile(time.process_time), ho.events()
            began, cpu = time.perf_counter(), time.process_time()
            if not args.plain:
                prof.enable()
            for till, mine in zip(tills, batches, strict=True):
                assert till.client is not None
                for body in mine:
                    till.client.ho.call_bytes("POST", "/v1/sync/push", body)
            prof.disable()
            seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
            events = ho.events() - events
            if not args.plain:
                pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
            if args.dump and not args.plain:
                prof.dump_stats(args.dump)
            print(f"{events} events in {seconds:.2f} s ({events / seconds:.0f}/s), "
                  f"{cpu:.2f} s CPU here: {cpu / events * 500 * 1000:.1f} ms per 500 events "
                  f"(includes the till's signing and answer check)")
            for till in tills:
                till.close()
        finally:
            ho.close()


if __name__ == "__main__":
    main()
