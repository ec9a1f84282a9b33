#!/usr/bin/env python3
"""Polars: per (month, practice, presentation) sums of an EPD CSV, as `rxatlas ingest` computes.

--out FILE    sink the grouped result to Parquet with the streaming engine (the peer of
              `rxatlas ingest --store`).
--no-write    collect the grouped result into a DataFrame with the streaming engine, then count
              its rows (the peer of `rxatlas ingest --check`).
"""
import os
import sys

from common import epd_columns, parse_args, print_totals

args = parse_args("Polars")
os.environ["POLARS_MAX_THREADS"] = str(args.threads)  # must be set before polars is imported
import polars as pl  # noqa: E402

c = epd_columns(args.csv)
measures = [m for m in ("items", "quantity", "nic", "actual_cost", "adq") if c[m] is not None]
schema = {c[m]: (pl.Int64 if m == "items" else pl.Decimal(18, 5)) for m in measures}
for m in ("month", "practice", "bnf", "unidentified", "area"):
    if c[m] is not None:
        schema[c[m]] = pl.String

lf = pl.scan_csv(args.csv, schema_overrides=schema, encoding="utf8-lossy", infer_schema=False)
practice = pl.col(c["practice"])
unident = practice == "-"
if c["unidentified"]:
    unident = unident | (pl.col(c["unidentified"]).str.to_uppercase() == "Y")
area = pl.col(c["area"]).fill_null("") if c["area"] else pl.lit("")
key = (pl.when(unident)
       .then(pl.lit("-") + pl.when(area == "").then(pl.lit("")).otherwise(pl.lit("@") + area))
       .otherwise(practice))
result = (lf.group_by(pl.col(c["month"]).alias("month"), key.alias("practice"), pl.col(c["bnf"]).alias("presentation"))
          .agg(*(pl.col(c[m]).sum().alias(m) for m in measures)))

if args.out:
    result.sink_parquet(args.out, engine="streaming")
    if args.totals:
        df = pl.read_parquet(args.out)
else:
    df = result.collect(engine="streaming")
    n = df.height
if args.totals:
    print_totals(df.height, {m: df[m].sum() for m in measures})
