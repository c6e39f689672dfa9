"""An eventtracking backend that keeps what it is sent, for the tests (``EVENT_TRACKING_BACKENDS``)."""

EVENTS = []


class MemoryBackend:
    """Receives each event as eventtracking's tracker sends it to its backends."""

    def send(self, event):
        EVENTS.append(event)
