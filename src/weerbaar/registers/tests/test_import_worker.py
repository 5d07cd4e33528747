"""A real worker process killed in the middle of an import: the job ends failed with the reason,
the registers are exactly as before, and the import runs again to the end.

Everything runs in processes of its own on a database of its own (SQLite files in a temporary
directory, or a fresh PostGIS database on the server DATABASE_URL names), because the suite's
test databases are in memory or inside a transaction no other process can see.
"""

import hashlib
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from weerbaar.jobs.models import WORKER_STOPPED

from .formats import vbo_row, write_vbo_gpkg

#: enough that checking and storing take a few seconds (SQLite, unloaded: ~1 s each)
ROWS = 30_000
HEADER = "openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;object_id;object_type;nummeraanduiding;x;y\n"
LETTERS = "ABCEGHJKLMNPRTVWXZ"  # postcode letters that are valid in every position
WEERBAAR = str(Path(sys.executable).with_name("weerbaar"))


def bag_csv(path: Path, rows: int) -> Path:
    """A municipal BAG export of `rows` distinct addresses in Zwolle (none of formats.vbo_row's)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(1_000_000, 1_000_000 + rows):
            block = i // 16
            postcode = f"{8000 + block // 324}{LETTERS[(block // 18) % 18]}{LETTERS[block % 18]}"
            fh.write(
                f"Straat {i // 1000};{i % 16 + 1};;;{postcode};Zwolle;0193010{i:09d};VBO;0193200{i:09d};"
                f"{200000 + i % 1000},5;{500000 + i // 1000},25\n"
            )
    return path


class OwnDatabase:
    """Reads the scenario's database with plain SQL (this process's Django is on the test databases)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.url = env.get("DATABASE_URL")
        self.var = Path(env["WEERBAAR_VAR_DIR"])

    def rows(self, sql: str, database: str = "default") -> list[tuple]:
        if self.url:
            import psycopg

            with psycopg.connect(self.url) as connection:
                return connection.execute(sql).fetchall()
        name = {"default": "weerbaar.sqlite3", "jobs": "jobs.sqlite3"}[database]
        connection = sqlite3.connect(self.var / name, timeout=20)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def job(self, pk: int) -> dict:
        columns = ("state", "phase", "done", "total", "message", "files", "result")
        [row] = self.rows(f"SELECT {', '.join(columns)} FROM jobs_job WHERE id = {int(pk)}", "jobs")
        job = dict(zip(columns, row, strict=True))
        for field in ("files", "result"):  # JSON: text on SQLite, decoded already by psycopg
            if isinstance(job[field], str):
                job[field] = json.loads(job[field])
        return job

    def registers(self) -> dict:
        """What the registers hold: row counts and a digest of every stored address and street."""
        addresses = self.rows(
            "SELECT identificatie, nummeraanduiding_identificatie, postcode, huisnummer, openbare_ruimte_naam "
            "FROM registers_adresseerbaarobject ORDER BY identificatie"
        )
        streets = self.rows(
            "SELECT identificatie, naam, aantal_adressen FROM registers_openbareruimte ORDER BY identificatie"
        )
        return {
            "adressen": len(addresses),
            "adressen_sha256": hashlib.sha256(repr(addresses).encode()).hexdigest(),
            "openbare_ruimten": hashlib.sha256(repr(streets).encode()).hexdigest(),
            "mutaties": self.rows("SELECT count(*) FROM registers_mutatie")[0][0],
            "nevenadressen": self.rows("SELECT count(*) FROM registers_nevenadres")[0][0],
        }


@pytest.fixture
def own_database(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weerbaar.settings.test",
        "WEERBAAR_VAR_DIR": str(tmp_path / "var"),
    }
    server = os.environ.get("DATABASE_URL")
    if not server:
        yield OwnDatabase(env)
        return
    import psycopg

    name = f"weerbaar_worker_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    try:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION postgis")
        yield OwnDatabase({**env, "DATABASE_URL": url})
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _worker(db: OwnDatabase, log: Path, *options: str) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [WEERBAAR, "worker", "--interval", "0.2", *options], env=db.env, stdout=out, stderr=out
        )


def _wait_until_storing(db: OwnDatabase, pk: int, worker: subprocess.Popen, log: Path) -> dict:
    """Poll the job's row until it reports stored rows (its transaction is open then)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job = db.job(pk)
        if job["state"] == "running" and job["phase"] == "opslaan" and job["done"] > 0:
            return job
        assert job["state"] in {"queued", "running"}, job
        assert worker.poll() is None, log.read_text()
        time.sleep(0.05)
    raise AssertionError(f"job {pk} never started storing: {db.job(pk)}\n{log.read_text()}")


def test_a_worker_killed_during_an_import_leaves_the_registers_as_they_were(own_database, tmp_path):
    db, log = own_database, tmp_path / "workers.log"
    # what is there before: three addresses from a BAG GeoPackage (another importer than the
    # jobs', so their import is a first load of bag-csv and records no mutations)
    baseline = write_vbo_gpkg(tmp_path / "bestaand.gpkg", [vbo_row(1), vbo_row(2), vbo_row(3)])
    upload = bag_csv(tmp_path / "adressen.csv", ROWS)
    setup = subprocess.run(
        [
            sys.executable,
            "-m",
            "weerbaar.registers.tests.worker_scenario",
            str(baseline),
            str(upload),
            str(upload),
        ],
        env=db.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr
    killed, released = json.loads(setup.stdout.strip().splitlines()[-1])["jobs"]
    before = db.registers()
    assert before["adressen"] == 3

    # 1. SIGKILL while the import is storing rows: nothing is committed
    worker = _worker(db, log)
    storing = _wait_until_storing(db, killed, worker, log)
    assert storing["total"] == ROWS and storing["done"] < ROWS
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert db.job(killed)["state"] == "running"  # nobody has noticed yet
    assert db.registers() == before

    # 2. the next worker gives the job up at start-up, then takes the next one; SIGTERM while it
    #    stores releases that job whole (queued again) and the worker exits cleanly
    worker = _worker(db, log)
    _wait_until_storing(db, released, worker, log)
    job = db.job(killed)
    assert (job["state"], job["message"]) == ("failed", WORKER_STOPPED)
    assert job["files"] and not any(Path(name).exists() for name in job["files"])  # upload removed
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0, log.read_text()
    job = db.job(released)
    assert (job["state"], job["done"]) == ("queued", 0)
    assert all(Path(name).exists() for name in job["files"])  # kept for the rerun
    assert db.registers() == before

    # 3. a worker runs the released job to the end: every row new, none left over from the others
    done = subprocess.run(
        [WEERBAAR, "worker", "--burst"], env=db.env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    job = db.job(released)
    assert (job["state"], job["phase"], job["done"], job["total"]) == ("done", "opslaan", ROWS, ROWS), job
    [(status, rijen, nieuw, gewijzigd)] = db.rows(
        f"SELECT status, rijen, nieuw, gewijzigd FROM registers_importrun WHERE id = {int(job['result']['run'])}"
    )
    assert (status, rijen, nieuw, gewijzigd) == ("ok", ROWS, ROWS, 0)
    after = db.registers()
    assert after["adressen"] == ROWS + 3 and after["mutaties"] == before["mutaties"]
    assert [status for (status,) in db.rows("SELECT status FROM registers_importrun ORDER BY id")] == [
        "ok",
        "ok",
    ]
