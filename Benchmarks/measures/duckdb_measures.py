#!/usr/bin/env python3
"""DuckDB: the built-in measure library at practice level, as `rxatlas measures` computes it.

Reads the per (month, practice, presentation) sums in DATA/parquet/*.parquet (DuckDB's own best
input format, made from the same CSVs as the RxAtlas store by build_data.sh), the list sizes and
the org mapping, and computes for every measure in Sources/RxReference/reference/measures/ and every
practice x month: the numerator, the denominator, the value (RxAtlas's inclusion rules: standard
GP practices only; list >= 1,000 for per-1,000 measures; positive denominator at least the
measure's minimum), OpenPrescribing's percentile (PERCENT_RANK x 100 over the practices with a
value) and the deciles (PERCENTILE_CONT). BNF filters become LIKE conditions with the same rules
as RxAtlas's BNFFilter: a plain term is a prefix, a % term matches the whole code, ~ excludes.
Every measure's sums are conditional aggregates of ONE scan. Results go to OUT/values.csv and
OUT/deciles.csv. Prints the wall time.
"""
import argparse, glob, json, os, time
import duckdb

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--measures", required=True, help="directory of RxAtlas measure JSON files")
p.add_argument("--out", required=True)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--min-list-size", type=int, default=1000)
a = p.parse_args()

COLUMN = {"items": "items", "quantity": "quantity", "actual_cost": "actual_cost", "nic": "nic", "adq_usage": "adq", "adq": "adq"}


def condition(codes):
    inc, exc = [], []
    for raw in codes:
        t = raw.split("#", 1)[0].strip()
        if not t:
            continue
        neg = t.startswith("~")
        t = t.lstrip("~").strip()
        c = f"presentation LIKE '{t}'" if "%" in t else f"starts_with(presentation, '{t}')"
        (exc if neg else inc).append(c)
    parts = [f"({' OR '.join(inc)})"] if inc else []
    parts += [f"NOT ({' OR '.join(exc)})"] if exc else []
    return " AND ".join(parts) if parts else "TRUE"


measures = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(a.measures, "*.json")))]
sums, side_sql = {}, []
for m in measures:
    for side in ("numerator", "denominator"):
        s = m[side]
        if s["type"] == "list_size":
            continue
        key = (COLUMN[s["type"]], condition(s.get("bnf_codes", [])))
        sums.setdefault(key, f"s{len(sums)}")
aggs = ", ".join(f"sum(CASE WHEN {cond} THEN {col} ELSE 0 END) AS {name}" for (col, cond), name in sums.items())


def side_expr(s):
    return "coalesce(l.list, 0) / 1000.0" if s["type"] == "list_size" else f"coalesce(t.{sums[(COLUMN[s['type']], condition(s.get('bnf_codes', [])))]}, 0)"


start = time.perf_counter()
con = duckdb.connect(config={"threads": a.threads, "preserve_insertion_order": False})
parquet = os.path.join(a.data, "parquet", "*.parquet").replace("'", "''")
lists = os.path.join(a.data, "parquet", "list_sizes_*.csv").replace("'", "''")
orgs = os.path.join(a.data, "parquet", "orgs.csv").replace("'", "''")
con.execute(f"CREATE TEMP TABLE totals AS SELECT month, practice, {aggs} FROM read_parquet('{parquet}') GROUP BY ALL")
con.execute(f"""CREATE TEMP TABLE lists AS
    SELECT strftime(strptime(EXTRACT_DATE, '%d%b%Y'), '%Y-%m') AS month, ORG_CODE AS practice, NUMBER_OF_PATIENTS::BIGINT AS list
    FROM read_csv('{lists}', header=true, all_varchar=true) WHERE SEX = 'ALL' AND AGE_GROUP_5 = 'ALL'""")
con.execute(f"CREATE TEMP TABLE orgs AS SELECT practice_code AS practice, lower(coalesce(setting, '')) AS setting FROM read_csv('{orgs}', header=true, all_varchar=true)")
# Every prescriber in the directory or any month, in every month (zero-filled).
con.execute("""CREATE TEMP TABLE units AS
    SELECT p.practice, m.month FROM (SELECT practice FROM orgs UNION SELECT DISTINCT practice FROM totals) p
    CROSS JOIN (SELECT DISTINCT month FROM totals) m""")
selects = []
for m in measures:
    per_thousand = "list_size" in (m["numerator"]["type"], m["denominator"]["type"])
    scale = 100.0 if m.get("is_percentage") else 1.0
    n, d = side_expr(m["numerator"]), side_expr(m["denominator"])
    min_den = float(m.get("minimum_denominator", 0))
    rule = f"standard {'AND coalesce(l.list, -1) >= ' + str(a.min_list_size) if per_thousand else ''} AND ({d}) > 0 AND ({d}) >= {min_den}"
    selects.append(f"""SELECT '{m['id']}' AS measure, u.practice AS org_code, u.month, {n} AS numerator, {d} AS denominator,
        CASE WHEN {rule} THEN {n} / ({d}) * {scale} END AS value
        FROM units u LEFT JOIN totals t USING (practice, month) LEFT JOIN lists l USING (practice, month)
        LEFT JOIN (SELECT practice, setting FROM orgs) o USING (practice),
        LATERAL (SELECT CASE WHEN o.setting IS NOT NULL AND o.setting <> '' THEN o.setting IN ('4', 'gp', 'gp practice')
                             ELSE l.list IS NOT NULL AND NOT starts_with(u.practice, '-') END AS standard)""")
con.execute("CREATE TEMP TABLE vals AS " + " UNION ALL ".join(selects))
con.execute("""CREATE TEMP TABLE ranked AS
    SELECT v.*, r.percentile FROM vals v LEFT JOIN (
        SELECT measure, org_code, month, percent_rank() OVER (PARTITION BY measure, month ORDER BY value) * 100 AS percentile
        FROM vals WHERE value IS NOT NULL) r USING (measure, org_code, month)""")
os.makedirs(a.out, exist_ok=True)
out = a.out.replace("'", "''")
con.execute(f"COPY (SELECT measure, org_code, month, numerator, denominator, value, percentile FROM ranked ORDER BY measure, org_code, month) TO '{out}/values.csv' (HEADER)")
con.execute(f"""COPY (SELECT measure, month, quantile_cont(value, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS deciles
    FROM vals WHERE value IS NOT NULL GROUP BY ALL ORDER BY ALL) TO '{out}/deciles.csv' (HEADER)""")
print(f"duckdb_measures {len(measures)} measures, {len(sums)} sums: {time.perf_counter() - start:.3f} s")
