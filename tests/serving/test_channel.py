"""The pipe between the supervisor and a worker: whole messages in order, then the end."""

from __future__ import annotations

import os
import threading

from app.search.builtin.engine import BuiltinSearchBackend
from app.serving.channel import Change, receive, send
from app.serving.fanout import Fanout
from app.serving.worker import Worker


def test_messages_larger_than_the_pipe_arrive_whole_and_in_order() -> None:
    read_end, write_end = os.pipe()
    documents = [{"id": f"c{n}", "text_en": "notice " * 500} for n in range(200)]  # ~700 kB
    sent: list[Change] = [("upsert", documents), ("delete", ["c1", "c2"]), ("ready", [])]

    def writer() -> None:
        for change in sent:
            send(write_end, change)
        os.close(write_end)

    thread = threading.Thread(target=writer)
    thread.start()
    received = []
    while (change := receive(read_end)) is not None:
        received.append(change)
    thread.join()
    os.close(read_end)
    assert received == sent


def test_a_dead_worker_is_dropped_and_its_changes_remembered_for_its_replacement() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the worker is gone
    fanout = Fanout(documents_at_fork=0)
    fanout.channels[0] = write_end
    fanout.upsert([{"id": "c7"}])
    fanout.delete(["c8"])
    assert fanout.channels == {}
    assert fanout.changed == {"c7", "c8"}
    os.close(write_end)


def test_each_worker_enforces_its_share_of_a_rate_limit() -> None:
    worker = Worker(0, 3, BuiltinSearchBackend(), None, wake=-1)
    assert worker.share(120) == 40
    assert worker.share(2) == 1  # never zero: every worker lets one through
