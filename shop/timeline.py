"""An order's timeline as the buyer reads it: one entry per change.

When a store moves its part, the order often follows (the first store to start
makes the order "processing", the last to ship makes it "shipped"), and both
moves are recorded: the store's step, then the order's, in the same
transaction, to the same status. Shown as they are, every store step appears
twice; here the order's move is folded into the step that caused it.
"""

from collections.abc import Iterable

from shop.models import OrderEvent


def timeline_entries(events: Iterable[OrderEvent]) -> list[OrderEvent]:
    """The events, oldest first, with each order move that only follows the
    store step just before it folded into that step (`moved_order` set)."""
    entries: list[OrderEvent] = []
    for event in sorted(events, key=lambda event: event.pk):
        previous = entries[-1] if entries else None
        if (
            event.part_id is None
            and previous is not None
            and previous.part_id is not None
            and previous.to_status == event.to_status
        ):
            previous.moved_order = True
            continue
        event.moved_order = False
        entries.append(event)
    return entries
