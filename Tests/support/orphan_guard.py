"""Ends a test helper when the test process that started it is gone.

A crashed test run must not leave helpers behind: they would keep ports bound and, worse, hold the
output pipes of the test runner open, so that it waits for them forever. The helper watches for being
re-parented (its parent died) rather than using PR_SET_PDEATHSIG, which fires when the *thread* that
started it exits, and test runners start helpers from short-lived threads.
"""
import os, threading, time


def exit_with_parent():
    parent = os.getppid()

    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(0)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
