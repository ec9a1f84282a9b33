#!/usr/bin/env python3
"""DuckDB: per (month, practice, presentation) sums of an EPD CSV, as `rxatlas ingest` computes.

--out FILE    COPY the grouped result to Parquet (the peer of `rxatlas ingest --store`).
--no-write    CREATE TABLE of the grouped result in memory, then count its rows (the peer of
              `rxatlas ingest --check`). A table is used, not `SELECT count(*) FROM (…)`, so that
              the optimiser cannot drop the sums.
"""
import duckdb

from common import epd_columns, parse_args, print_totals

args = parse_args("DuckDB")
c = epd_columns(args.csv)
con = duckdb.connect(config={"threads": args.threads, "preserve_insertion_order": False})

measures = [m for m in ("items", "quantity", "nic", "actual_cost", "adq") if c[m] is not None]
types = {c[m]: ("BIGINT" if m == "items" else "DECIMAL(18,5)") for m in measures}
for m in ("month", "practice", "bnf", "unidentified", "area"):
    if c[m] is not None:
        types[c[m]] = "VARCHAR"
csv = con.execute("SELECT ?", [args.csv]).fetchone()[0].replace("'", "''")
read = f"read_csv('{csv}', header=true, delim=',', quote='\"', escape='\"', encoding='latin-1', types={types!r}, auto_detect=true)"

practice = f'"{c["practice"]}"'
unident = f'{practice} = \'-\''
if c["unidentified"]:
    unident += f' OR upper("{c["unidentified"]}") = \'Y\''
area = f'coalesce("{c["area"]}", \'\')' if c["area"] else "''"
key = f"CASE WHEN {unident} THEN '-' || CASE WHEN {area} = '' THEN '' ELSE '@' || {area} END ELSE {practice} END"
sums = ", ".join((f'sum("{c[m]}")::BIGINT AS {m}' if m == "items" else f'sum("{c[m]}") AS {m}') for m in measures)
query = (f'SELECT "{c["month"]}" AS month, {key} AS practice, "{c["bnf"]}" AS presentation, {sums} '
         f"FROM {read} GROUP BY ALL")

if args.out:
    out = args.out.replace("'", "''")
    con.execute(f"COPY ({query}) TO '{out}' (FORMAT parquet)")
    if args.totals:
        src = f"read_parquet('{out}')"
else:
    con.execute(f"CREATE TEMP TABLE result AS {query}")
    n = con.execute("SELECT count(*) FROM result").fetchone()[0]
    src = "result"
if args.totals:
    row = con.execute(f"SELECT count(*), {', '.join(f'sum({m})' for m in measures)} FROM {src}").fetchone()
    print_totals(row[0], dict(zip(measures, row[1:])))
