"""Several threads saving at once to a file SQLite database, through Django and the real settings.

Run in its own process by tests/test_sqlite_concurrency.py: the suite's SQLite test database lives
in memory, where neither the WAL journal nor the busy timeout applies.

    python -m tests.sqlite_writers [--transaction-mode MODE]

Needs DATABASE_URL pointing at an SQLite file. Prints one JSON object: the journal mode in force,
the rows saved and the error of every save that failed, as the last line.
"""

from __future__ import annotations

import argparse
import json
import threading
import time

WRITERS = 4
SAVES_EACH = 15


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transaction-mode", help="override the settings' transaction_mode")
    args = parser.parse_args()

    import django
    from django.conf import settings

    if args.transaction_mode:
        settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = args.transaction_mode
    django.setup()

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()

    User = get_user_model()
    start = threading.Barrier(WRITERS)
    errors: list[str] = []

    def write(writer: int) -> None:
        start.wait()
        try:
            for save in range(SAVES_EACH):
                username = f"runner-{writer}-{save}"
                try:
                    with transaction.atomic():
                        # Read, then write, as a sign-up does (is the name free? then insert).
                        # A reader that must become a writer is what meets "database is locked".
                        if not User.objects.filter(username=username).exists():
                            time.sleep(0.005)
                            User.objects.create(username=username)
                except OperationalError as error:
                    errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(
        json.dumps({"journal_mode": journal_mode, "saved": User.objects.count(), "errors": errors})
    )


if __name__ == "__main__":
    main()
