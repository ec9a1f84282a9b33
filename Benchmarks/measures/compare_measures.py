#!/usr/bin/env python3
"""Checks that DuckDB's practice-level measure values agree with RxAtlas's values.csv.

Joins on (measure, org_code, month) and counts rows where the numerator, denominator, value or
percentile differ by more than 1e-9 relative (RxAtlas writes 15 significant digits), or where
one side has a value and the other not. Prints a Markdown summary; exits 1 on any disagreement.
"""
import sys
import duckdb

rx, dk = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute(f"""CREATE TABLE rx AS SELECT measure, org_code, replace(month, '-', '') AS month, numerator::DOUBLE AS n,
    denominator::DOUBLE AS d, value::DOUBLE AS v, percentile::DOUBLE AS p
    FROM read_csv('{rx}', header=true, all_varchar=true) WHERE level = 'practice'""")
con.execute(f"""CREATE TABLE dk AS SELECT measure, org_code, replace(month::VARCHAR, '-', '') AS month, numerator::DOUBLE AS n,
    denominator::DOUBLE AS d, value::DOUBLE AS v, percentile::DOUBLE AS p FROM read_csv('{dk}', header=true, all_varchar=true)""")
def differ(a, b):
    return f"(({a} IS NULL) <> ({b} IS NULL) OR abs({a} - {b}) > 1e-9 * greatest(1, abs({a}), abs({b})))"
rows = con.execute(f"""SELECT count(*), count(rx.measure), count(dk.measure),
    sum(CASE WHEN {differ('rx.n', 'dk.n')} THEN 1 ELSE 0 END), sum(CASE WHEN {differ('rx.d', 'dk.d')} THEN 1 ELSE 0 END),
    sum(CASE WHEN {differ('rx.v', 'dk.v')} THEN 1 ELSE 0 END), sum(CASE WHEN {differ('rx.p', 'dk.p')} THEN 1 ELSE 0 END),
    count(rx.v)
    FROM rx FULL JOIN dk USING (measure, org_code, month)""").fetchone()
total, in_rx, in_dk, dn, dd, dv, dp, valued = rows
print(f"| rows | in RxAtlas | in DuckDB | with a value | numerator differs | denominator differs | value differs | percentile differs |")
print(f"|---|---|---|---|---|---|---|---|\n| {total} | {in_rx} | {in_dk} | {valued} | {dn} | {dd} | {dv} | {dp} |")
sys.exit(0 if total == in_rx == in_dk and dn == dd == dv == dp == 0 else 1)
