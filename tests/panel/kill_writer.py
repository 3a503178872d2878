"""A panel writer for the kill -9 test: saves answers as fast as it can and, after each save
returns, appends what the store acknowledged to a side file (one write(2) per line, so a
line is either whole or absent). Run: python kill_writer.py URL TOKEN SIDE_FILE ROUND."""

import os
import sys

from letterkit.panel.store import Store, make_engine


def main() -> None:
    url, token, side, round_ = sys.argv[1:5]
    store = Store(make_engine(url))
    me = store.participant_by_token(token)
    fd = os.open(side, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    i = 0
    while True:
        item = f"r{round_}-{i % 40}"  # forty answers, each changed again and again
        value = f"answer {i} of round {round_} " + "ä" * (i % 300)
        revision = store.save_answer(me, "", "background", item, value)
        os.write(fd, f"{item}\t{revision}\t{i}\n".encode())
        i += 1


if __name__ == "__main__":
    main()
