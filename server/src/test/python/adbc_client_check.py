"""Drives a running Weft server with the Python ADBC Flight SQL client, as a data scientist would.

Usage: adbc_client_check.py URI TPCH_QUERIES_DIR OUT_DIR

Checks metadata and error behaviour with asserts, and writes each TPC-H query's rows to OUT_DIR/qNN.psv
(pipe-separated, NULL for SQL NULL) for the Java side to compare with the reference answers.
"""
import decimal
import datetime
import pathlib
import sys

import adbc_driver_flightsql.dbapi as flight_sql
import pyarrow
import pyarrow.compute


def text(value):
    if value is None:
        return "NULL"
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    return str(value)


def main(uri, queries_dir, out_dir):
    out = pathlib.Path(out_dir)
    with flight_sql.connect(uri) as conn:
        info = conn.adbc_get_info()
        assert info["vendor_name"] == "Weft", info
        assert info["vendor_version"], info

        objects = conn.adbc_get_objects().read_all().to_pylist()
        catalogs = {c["catalog_name"]: c for c in objects}
        assert set(catalogs) == {"weft"}, catalogs.keys()
        schemas = {s["db_schema_name"]: s for s in catalogs["weft"]["catalog_db_schemas"]}
        assert set(schemas) == {"odf", "state", "sys"}, schemas.keys()
        tables = {t["table_name"] for t in schemas["odf"]["db_schema_tables"]}
        assert {"lineitem", "orders", "cities.population"} <= tables, tables

        schema = conn.adbc_get_table_schema("cities.population", catalog_filter="weft", db_schema_filter="odf")
        assert schema.names == ["offset", "op", "system_time", "census_date", "city", "population"], schema
        assert schema.field("population").type == pyarrow.int64(), schema

        with conn.cursor() as cur:
            cur.execute("SELECT count(*) AS n FROM lineitem WHERE l_quantity > ? AND l_returnflag = ?",
                        parameters=(45, "R"))
            bound = cur.fetch_arrow_table()
            assert bound.num_rows == 1 and 0 < bound.column("n")[0].as_py() < 60175, bound

            # One engine batch of about 24 MB: the driver refuses messages over 16 MiB, so the server must slice it.
            cur.execute("SELECT l_orderkey, repeat('x', 400) AS padding FROM lineitem")
            wide = cur.fetch_arrow_table()
            assert wide.num_rows == 60175 and wide.nbytes > 20_000_000, (wide.num_rows, wide.nbytes)
            assert set(pyarrow.compute.utf8_length(wide.column("padding")).to_pylist()) == {400}

            cur.execute("SELECT n_nationkey, n_name FROM nation ORDER BY n_nationkey")
            frame = cur.fetch_df()
            assert frame.shape == (25, 2), frame.shape
            assert frame["n_name"][7] == "GERMANY", frame

            try:
                cur.execute("SELECT * FROM no_such_table")
                raise AssertionError("expected an error")
            except flight_sql.Error as e:
                assert "no_such_table" in str(e) and "42P01" in str(e), str(e)
            cur.execute("SELECT count(*) FROM region")
            assert cur.fetchone()[0] == 5

            for query in sorted(pathlib.Path(queries_dir).glob("q*.sql")):
                cur.execute(query.read_text())
                table = cur.fetch_arrow_table()
                lines = ["|".join(table.column_names)]
                for row in zip(*(column.to_pylist() for column in table.columns)):
                    lines.append("|".join(text(v) for v in row))
                (out / (query.stem + ".psv")).write_text("\n".join(lines) + "\n")
    check_as_at(uri)
    check_event_time(uri)
    check_timestamp_parameters(uri)
    print("python ADBC client checks passed")


def check_as_at(uri):
    """At every block of `prices`, the hash, time and session forms of AS AT give that prefix of the changelog."""
    columns = 'SELECT "offset", op, item, price FROM prices'
    cookies = {"adbc.flight.sql.rpc.with_cookie_middleware": "true"}
    with flight_sql.connect(uri, db_kwargs=cookies) as conn, conn.cursor() as cur:
        cur.execute(columns + ' ORDER BY "offset"')
        changelog = [tuple(r) for r in cur.fetchall()]
        assert {r[1] for r in changelog} == {0, 1, 2, 3}, changelog
        cur.execute("SELECT sequence_number, block_hash, system_time, offset_end FROM sys.blocks "
                    "WHERE dataset = 'prices' ORDER BY sequence_number")
        blocks = cur.fetchall()

        def prefix(sequence):
            ends = [b[3] for b in blocks if b[0] <= sequence and b[3] is not None]
            last = max(ends) if ends else -1
            return [r for r in changelog if r[0] <= last]

        for sequence, block_hash, system_time, _ in blocks:
            cur.execute(columns + f" FOR SYSTEM_TIME AS OF '{block_hash}' ORDER BY \"offset\"")
            assert [tuple(r) for r in cur.fetchall()] == prefix(sequence), ("hash", sequence)
            millis = system_time.strftime("%Y-%m-%d %H:%M:%S.") + f"{system_time.microsecond // 1000:03d}"
            last_at_time = max(b[0] for b in blocks if b[2].replace(microsecond=b[2].microsecond // 1000 * 1000)
                               <= system_time)
            cur.execute(columns + f" FOR SYSTEM_TIME AS OF TIMESTAMP '{millis}' ORDER BY \"offset\"")
            assert [tuple(r) for r in cur.fetchall()] == prefix(last_at_time), ("time", sequence)
            cur.execute(f"SET weft.as_at = '{millis}'")
            cur.execute(columns + ' ORDER BY "offset"')
            assert [tuple(r) for r in cur.fetchall()] == prefix(last_at_time), ("session", sequence)
            cur.execute("RESET weft.as_at")
        cur.execute(columns + ' ORDER BY "offset"')
        assert [tuple(r) for r in cur.fetchall()] == changelog


def check_event_time(uri):
    """At every event time of `prices`, FOR EVENT_TIME AS OF a bound parameter gives the fold of the records that took
    effect up to it: a -C at its +C's event time (the next record), a -R of this Snapshot merge at its commit's
    watermark (the greatest event time written up to that commit; a commit's records share a system time)."""
    with flight_sql.connect(uri) as conn, conn.cursor() as cur:
        cur.execute('SELECT "offset", op, event_time, item, price, system_time FROM prices ORDER BY "offset"')
        changelog = cur.fetchall()
        event_times = sorted({r[2] for r in changelog})
        watermarks = {}
        for r in changelog:
            watermarks[r[5]] = max(r[2], *watermarks.values()) if watermarks else r[2]
        takes_effect = [changelog[i + 1][2] if r[1] == 2 else watermarks[r[5]] if r[1] == 1 else r[2]
                        for i, r in enumerate(changelog)]
        for event_time in [event_times[0] - datetime.timedelta(milliseconds=1)] + event_times:
            state = {}
            for (_, op, _, item, price, _), time in zip(changelog, takes_effect):
                if time <= event_time:
                    if op in (0, 3):
                        state[item] = price
                    else:
                        state.pop(item, None)
            cur.execute("SELECT item, price FROM prices FOR EVENT_TIME AS OF ? ORDER BY item",
                        parameters=(event_time,))
            assert [tuple(r) for r in cur.fetchall()] == sorted(state.items()), ("event time", event_time)



def check_timestamp_parameters(uri):
    """A timestamp parameter means one instant whatever its Arrow unit and zone: naive values are UTC wall-clock times,
    zoned ones are instants (pyarrow sends a zone-aware datetime as timestamp[us, tz=...])."""
    utc = datetime.timezone.utc
    with flight_sql.connect(uri) as conn, conn.cursor() as cur:
        cur.execute('SELECT event_time FROM prices')
        times = sorted(r[0] for r in cur.fetchall())
        threshold = times[len(times) // 2]
        assert times[0] < threshold, times
        sql = "SELECT count(*) FROM prices WHERE event_time < ?"

        def expect(bound, naive):
            cur.execute(sql, parameters=bound)
            got = cur.fetchone()[0]
            want = sum(1 for t in times if t < naive)
            assert got == want, (bound, got, want)

        expect((threshold,), threshold)
        expect((threshold.replace(tzinfo=utc),), threshold)
        expect((threshold.replace(tzinfo=utc).astimezone(datetime.timezone(datetime.timedelta(hours=2))),), threshold)
        instant = threshold.replace(tzinfo=utc)
        for unit in ("s", "ms", "us", "ns"):
            for zone in (None, "UTC", "+02:00"):
                value = instant if zone else threshold
                batch = pyarrow.record_batch([pyarrow.array([value], type=pyarrow.timestamp(unit, tz=zone))],
                                             names=["t"])
                bound_naive = threshold.replace(microsecond=0) if unit == "s" else threshold
                expect(batch, bound_naive)


if __name__ == "__main__":
    main(*sys.argv[1:])
