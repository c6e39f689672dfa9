"""Progress of the maintenance commands: a count and a rate, in place on a terminal, plain lines elsewhere."""

import time


class Progress:
    """
    How many ``noun`` are done, of ``total`` when known, and how fast.

    On a terminal one line is rewritten in place after each batch. Elsewhere (a log file, a pipe, a job
    runner) a plain line is written at most every ``interval`` seconds, and one at the end, so a long run
    leaves a readable trace instead of thousands of lines.
    """

    def __init__(self, stdout, noun, total=None, interval=10.0, clock=time.monotonic):
        self.stdout = stdout
        self.noun = noun
        self.total = total
        self.interval = interval
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.last_line = self.started
        isatty = getattr(stdout, "isatty", None)
        self.on_terminal = bool(isatty and isatty())

    def rate(self):
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self, note=""):
        of = f"/{self.total:,}" if self.total is not None else ""
        text = f"{self.done:,}{of} {self.noun} ({self.rate():,.0f}/s)"
        return f"{text}: {note}" if note else text

    def add(self, count, note=""):
        """``count`` more done (one batch); ``note`` says where the run is, e.g. to resume from."""
        self.done += count
        now = self.clock()
        if self.on_terminal:
            self.stdout.write(f"\r\033[K{self.line(note)}", ending="")
            self.stdout.flush()
        elif now - self.last_line >= self.interval:
            self.stdout.write(self.line(note))
            self.last_line = now

    def finish(self, note=""):
        """The last line: on a terminal it ends the line rewritten in place."""
        if self.on_terminal:
            self.stdout.write(f"\r\033[K{self.line(note)}")
        else:
            self.stdout.write(self.line(note))
