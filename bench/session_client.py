"""A Streamlit session driven over its websocket protocol, without a browser (``bench_pages.py --sessions N``).

What a browser tab asks of the server, minus the drawing: it opens ``/_stcore/stream``, asks for a page by its url
path (``BackMsg.rerun_script``, as a browser does when it opens /ban-do or follows the navigation) and reads the
forward messages until ``script_finished``. Like a browser it reports the hashes of the cacheable messages it already
holds on its next runs, so the server sends a reference instead of a large identical message (Streamlit's message
cache). It records the seconds to the map element (the ``streamlit_folium.st_folium`` component's delta, or a
reference to one), the seconds to the end of the run and the bytes received.

Not done, unlike a browser: the component's iframe and Leaflet's files are not fetched (static files, cached by a
browser after its first view) and the map's JavaScript does not run, so nothing is drawn and the component reports
no value back (with ``returned_objects`` limited, as the pages do, it reports nothing until someone clicks).
Twenty such clients cost the machine little, so the server's cost is what is measured: twenty Chromium sessions on
these 2 cores starved the server (20 of 100 views in 240 s).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import TracebackType

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

MAP_COMPONENT = "streamlit_folium.st_folium"


@dataclass
class PageView:
    page: str
    seconds_to_map: float = float("nan")  # nan: the run finished without a map
    seconds_to_finish: float = float("nan")
    bytes_in: int = 0
    exception: str = ""  # the run's own error shown on the page (st.exception), if any


@dataclass
class ProtocolSession:
    """One browser tab's worth of a session: ``async with ProtocolSession(url) as s: await s.view("ban-do")``."""

    url: str
    cached: set[str] = field(default_factory=set)  # hashes of cacheable messages received (the browser's cache)
    maps: set[str] = field(default_factory=set)  # those that are a map element
    _ws: ClientConnection | None = None

    async def __aenter__(self) -> ProtocolSession:
        stream = self.url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self._ws = await connect(stream, subprotocols=["streamlit"], max_size=None)  # type: ignore[list-item]
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def view(self, page: str) -> PageView:
        """Run ``page`` (its url path, and a query if any: ``tien-do?tab=map``) in this session; return when the
        server says the run finished."""
        assert self._ws is not None, "use the session in an async with block"
        back = BackMsg()
        back.rerun_script.page_name, _, back.rerun_script.query_string = page.partition("?")
        back.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        view = PageView(page)
        start = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        async for data in self._ws:
            assert isinstance(data, bytes), "Streamlit sends binary protobufs only"
            view.bytes_in += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            is_map = msg.ref_hash in self.maps if kind == "ref_hash" else _is_map(msg)
            if is_map and view.seconds_to_map != view.seconds_to_map:  # the first map of the run
                view.seconds_to_map = time.perf_counter() - start
                self.maps.add(msg.hash or msg.ref_hash)
            if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
                view.exception = msg.delta.new_element.exception.message
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            if kind == "script_finished":
                view.seconds_to_finish = time.perf_counter() - start
                break
        return view


def _is_map(msg: ForwardMsg) -> bool:
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return False
    element = msg.delta.new_element
    return element.WhichOneof("type") == "component_instance" and element.component_instance.component_name == (
        MAP_COMPONENT
    )
