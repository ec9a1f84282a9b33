#!/usr/bin/env python3
"""An independent implementation of OpenPrescribing's measure SQL semantics, for checking
`rxatlas measures` on OpenPrescribing's own definitions. Standard library only (PyYAML for the second format); it shares no
code with RxAtlas and reads the raw files itself.

What it computes, per OpenPrescribing's measure pipeline (practice level):
- numerator and denominator per practice x month: SUM(items | quantity | actual_cost) over the
  presentations the `*_bnf_codes_filter` selects (a plain term is a prefix, a term with `%` a
  LIKE pattern over the whole code, `~` an exclusion), or the list size / 1000 for `list_size`;
  EPD rows at several pack sizes add up;
- the list size as OpenPrescribing takes it: MALE + FEMALE totals of the month's extract;
- the practices: setting 4 in the org mapping (OpenPrescribing's `standard_practice`);
- calc_value = numerator / denominator, NULL when the denominator is 0 (no minimum list size);
- percentile = PERCENT_RANK() x 100 over the month's practices with a calc_value, ties sharing
  the lowest rank;
- deciles = PERCENTILE_CONT at 0.1 ... 0.9 over the same practices.
- with --dmd, a `custom` side's SQL (`*_columns`, `*_from`, `*_where`) runs as OpenPrescribing's
  template runs it, `SELECT practice, month, <columns> FROM <from> WHERE <where> GROUP BY
  practice, month`, over every EPD row loaded into sqlite3 as `normalised_prescribing`, with
  BigQuery's CONCAT, SUBSTR and LEFT defined here; SQL reading tables this file does not have
  is skipped;
- with --dmd (a dm+d release imported by `rxatlas dmd import`), a side's `*_bnf_codes_query` is run
  with Python's sqlite3 after this file's own rewriting of OpenPrescribing's BigQuery text and
  beside this file's own views; its codes (filtered by `*_bnf_codes_filter` when both are given)
  select presentations by whole code, as OpenPrescribing intersects them with its presentations.
- the second format (`*.yaml`, read with PyYAML, needed only for it): `bnf_codes` prefixes, `P_SS`
  (a nine-character prefix and the two characters the code ends with), `bnf_codes_excluded`,
  `product_type` on characters 10-11, `forms`/`routes`/`form_routes`/`ingredient_ids` through
  dm+d's form and route and ingredients; a `%` read as the first format's wildcard; an empty
  code list, or a missing denominator, taken from the first-format file of the same name
  (--first-format DIR).
Definitions it cannot compute (custom SQL, queries without --dmd or that fail) are skipped and listed.

Usage: op_measures.py --epd F.csv[.gz]... --list-sizes L.csv[.gz]... --orgs orgs.csv[.gz]
                      --definitions DIR --out DIR [--dmd dmd.sqlite]
Writes DIR/values.csv (measure, org_code, month, numerator, denominator, calc_value, percentile)
and DIR/deciles.csv (measure, month, p10 ... p90).
"""
import argparse, csv, gzip, io, json, os, re, sqlite3, sys
from collections import defaultdict
from decimal import Decimal


def open_text(path):
    raw = open(path, "rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.close()
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="latin-1", newline="")
    raw.close()
    return open(path, encoding="latin-1", newline="")


def month_of(text):
    digits = re.sub(r"[^0-9]", "", text)
    return f"{digits[:4]}-{digits[4:6]}"


def term_matches(term, code):
    if "%" in term:
        return re.fullmatch(re.escape(term).replace("%", ".*"), code) is not None
    return code.startswith(term)


def compile_filter(lines):
    inc, exc = [], []
    for raw in lines:
        t = raw.split("#", 1)[0].strip()
        if not t:
            continue
        (exc if t.startswith("~") else inc).append(t.lstrip("~").strip())
    def matches(code):
        if any(term_matches(t, code) for t in exc):
            return False
        return not inc or any(term_matches(t, code) for t in inc)
    return matches


# The views OpenPrescribing's queries read besides the dm+d tables, written here from its
# published view definitions (joins over vmp, amp, vmpp, ampp, ont and ontformroute).
DMD_VIEWS = [
    """CREATE TEMP VIEW vw__dmd_objs_with_form_route AS
       SELECT v.id AS vpid, v.bnf_code AS bnf_code, f.descr AS form_route FROM dmd.vmp v
         JOIN dmd.ont o ON o.vmp = v.id JOIN dmd.ontformroute f ON f.cd = o.form
       UNION ALL
       SELECT a.vmp, a.bnf_code, f.descr FROM dmd.amp a JOIN dmd.ont o ON o.vmp = a.vmp JOIN dmd.ontformroute f ON f.cd = o.form
       UNION ALL
       SELECT p.vmp, p.bnf_code, f.descr FROM dmd.vmpp p JOIN dmd.ont o ON o.vmp = p.vmp JOIN dmd.ontformroute f ON f.cd = o.form
       UNION ALL
       SELECT p.vmp, q.bnf_code, f.descr FROM dmd.ampp q JOIN dmd.vmpp p ON p.id = q.vmpp JOIN dmd.ont o ON o.vmp = p.vmp
         JOIN dmd.ontformroute f ON f.cd = o.form""",
    """CREATE TEMP VIEW vw__inhaler_quantity_adjustment AS
       SELECT rx.month AS date, rx.bnf_code AS bnf_code, form.form_route AS form_route,
              CASE WHEN SUM(rx.quantity) / SUM(rx.items) > 9 THEN MIN(vmpp.qtyval) ELSE 1 END AS qtyadj
       FROM normalised_prescribing rx
       JOIN dmd.vmpp vmpp ON bq_concat(bq_substr(rx.bnf_code, 0, 9), 'AA', bq_substr(rx.bnf_code, -2, 2))
                             = bq_concat(bq_substr(vmpp.bnf_code, 0, 11), bq_substr(vmpp.bnf_code, -2, 2))
       JOIN vw__dmd_objs_with_form_route form ON form.vpid = vmpp.vmp
       WHERE form.form_route IN ('pressurizedinhalation.inhalation', 'powderinhalation.inhalation', 'inhalationsolution.inhalation')
       GROUP BY rx.month, rx.bnf_code, form.form_route""",
    """CREATE TEMP VIEW vw__presentation_ingredient_count AS
       SELECT i.vmp AS vmp, b.presentation_code AS bnf_code, COUNT(i.ing) AS ing_count
       FROM dmd.vpi i JOIN dmd.vmp v ON v.id = i.vmp
       JOIN bnf b ON substr(b.presentation_code, 1, 9) || 'AA' || substr(b.presentation_code, -2, 2)
                     = substr(v.bnf_code, 1, 11) || substr(v.bnf_code, -2, 2)
       GROUP BY i.vmp, b.presentation_code""",
    """CREATE TEMP VIEW vmp_full AS SELECT v.*, (SELECT f.descr FROM dmd.dform d JOIN dmd.form f ON f.cd = d.form
       WHERE d.vmp = v.id) AS dform_form FROM dmd.vmp v""",
    # OpenPrescribing's published unit conversions (to mg and ml; its litre factor as published).
    """CREATE TEMP VIEW vw__measure_conversion AS SELECT cd, descr,
         CASE cd WHEN 258682000 THEN 0.001 WHEN 258685003 THEN 1000 WHEN 258684004 THEN 1 END AS nmtr_unit_conversion,
         CASE cd WHEN 258770004 THEN 0.001 WHEN 258774008 THEN 1000 WHEN 258773002 THEN 1 END AS dnmtr_unit_conversion
       FROM dmd.unitofmeasure""",
    "CREATE TEMP VIEW amp_full AS SELECT * FROM dmd.amp",
    "CREATE TEMP VIEW vmpp_full AS SELECT * FROM dmd.vmpp",
]


# OpenPrescribing's practice_statistics bands, from the list-size files' five-year groups.
BANDS = [(0, 4), (5, 14), (15, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, None)]


def band_name(sex, band):
    return f"{sex}_{band[0]}_{'plus' if band[1] is None else band[1]}"


def in_band(label, band):
    parts = re.split(r"[_+-]", label.strip())
    lo = int(parts[0])
    hi = int(parts[1]) if len(parts) > 1 and parts[1] else None
    return lo >= band[0] and (band[1] is None or (hi is not None and hi <= band[1]))


def dmd_connection(path, codes, names, rows, statistics):
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA case_sensitive_like = ON")
    columns = [band_name(s, b) for s in ("male", "female") for b in BANDS]
    db.execute("CREATE TEMP TABLE practice_statistics (practice TEXT, month TEXT, " + ", ".join(c + " REAL" for c in columns) + ")")
    db.executemany(f"INSERT INTO practice_statistics VALUES ({', '.join('?' * (2 + len(columns)))})",
                   [(p, m + "-01", *[v.get(c, 0) for c in columns]) for (p, m), v in statistics.items()])
    if path is None:
        return db
    db.execute("ATTACH DATABASE ? AS dmd", (path,))
    db.create_function("bq_substr", -1, bq_substr, deterministic=True)
    db.create_function("bq_concat", -1, bq_concat, deterministic=True)
    db.create_function("bq_left", 2, lambda v, n: None if v is None else str(v)[:n], deterministic=True)
    db.execute("CREATE TEMP TABLE presentation (bnf_code TEXT)")
    db.execute("CREATE TEMP TABLE bnf (presentation_code TEXT, presentation TEXT)")
    db.executemany("INSERT INTO presentation VALUES (?)", [(c,) for c in codes])
    db.executemany("INSERT INTO bnf VALUES (?, ?)", [(c, names.get(c)) for c in codes])
    db.execute("""CREATE TEMP TABLE normalised_prescribing (practice TEXT, month TEXT, bnf_code TEXT, bnf_name TEXT,
                  items REAL, quantity REAL, actual_cost REAL, net_cost REAL)""")
    db.executemany("INSERT INTO normalised_prescribing VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [r[:8] for r in rows])
    # OpenPrescribing's un-summed rows: each EPD line, with its quantity per item (QUANTITY).
    db.execute("""CREATE TEMP TABLE raw_prescribing_normalised (practice TEXT, month TEXT, bnf_code TEXT, bnf_name TEXT,
                  items REAL, total_quantity REAL, actual_cost REAL, net_cost REAL, quantity_per_item REAL)""")
    db.executemany("INSERT INTO raw_prescribing_normalised VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for v in DMD_VIEWS:
        db.execute(v)
    return db


def bq_substr(value, position, length=None):
    if value is None or position is None:
        return None
    value = str(value)
    n = len(value)
    start = position - 1 if position > 0 else (n + position if position < 0 else 0)
    start = max(start, 0)
    end = n if length is None else min(n, start + length)
    return value[start:end] if start < n else ""


def bq_concat(*values):
    return None if any(v is None for v in values) else "".join(str(v) for v in values)


def rewrite(sql):
    """OpenPrescribing's BigQuery text rewritten for SQLite: literals kept, # comments dropped,
    "..." strings made '...', dataset prefixes dropped, UNION DISTINCT made UNION."""
    parts = re.split(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""", sql)
    # GoogleSQL reads string literals separated only by white space and comments as one literal.
    k = 2
    while k < len(parts) - 1:
        if k % 2 == 0 and re.fullmatch(r"(\s|#[^\n]*|--[^\n]*)*", parts[k]):
            parts[k - 1:k + 2] = ["'" + parts[k - 1][1:-1] + parts[k + 1][1:-1] + "'"]
        else:
            k += 2
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 1:
            out.append("'" + part[1:-1].replace("'", "''") + "'" if part[0] == '"' else part)
            continue
        part = re.sub(r"#[^\n]*", " ", part)
        part = re.sub(r"--[^\n]*", " ", part)
        part = part.replace("`", "").replace("{project}.", "")
        part = re.sub(r"(\{dmd\}|\bdmd)\.(vmp_full|amp_full|vmpp_full)\b", r"\2", part)
        part = part.replace("{dmd}.", "dmd.")
        part = re.sub(r"(\{measures\}|\{hscic\}|(?<![\w.])measures|(?<![\w.])hscic)\.", "", part)
        part = re.sub(r"UNION\s+DISTINCT", "UNION", part, flags=re.I)
        part = re.sub(r"(?<![\w.])LEFT\(", "bq_left(", part, flags=re.I)
        part = re.sub(r"(?<![\w.])CONCAT\(", "bq_concat(", part, flags=re.I)
        part = re.sub(r"(?<![\w.])SUBSTR\(", "bq_substr(", part, flags=re.I)
        out.append(part)
    text = "".join(out)
    if "{" in text:
        raise ValueError("placeholder " + text[text.index("{"):text.index("}") + 1])
    return text


def run_query(db, sql):
    return [str(r[0]).strip() for r in db.execute(rewrite(sql)) if r[0] is not None]


def run_custom(db, columns, frm, where):
    """A custom side per (practice, month), as OpenPrescribing's practice_ratios template runs it."""
    sql = f"SELECT practice, month, {columns}\nFROM {frm}\nWHERE\n{where}\nGROUP BY practice, month"
    return {(p, m[:7]): (v or 0.0) for p, m, v in db.execute(rewrite(sql))}


def percent_rank(values):
    """PERCENT_RANK over the non-None values: (rank - 1) / (n - 1), rank = 1 + number smaller."""
    present = sorted(v for v in values if v is not None)
    n = len(present)
    out = []
    for v in values:
        if v is None:
            out.append(None)
        elif n == 1:
            out.append(0.0)
        else:
            smaller = 0
            lo, hi = 0, n
            while lo < hi:
                mid = (lo + hi) // 2
                if present[mid] < v:
                    lo = mid + 1
                else:
                    hi = mid
            smaller = lo
            out.append(smaller / (n - 1) * 100)
    return out


def percentile_cont(values, f):
    s = sorted(v for v in values if v is not None)
    if not s:
        return None
    x = f * (len(s) - 1)
    lo = int(x)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (x - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epd", nargs="+", required=True)
    ap.add_argument("--list-sizes", nargs="+", required=True)
    ap.add_argument("--orgs", required=True)
    ap.add_argument("--definitions", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dmd")
    ap.add_argument("--first-format", help="first-format (JSON) definitions, for second-format ones whose code list is empty")
    a = ap.parse_args()

    standard = set()
    with open_text(a.orgs) as f:
        for r in csv.DictReader(f):
            if r.get("setting", "").strip() == "4":
                standard.add(r["practice_code"].strip())

    # (practice, month) -> list size as MALE + FEMALE totals.
    lists = defaultdict(int)
    statistics = defaultdict(dict)   # (practice, month) -> practice_statistics band columns
    for path in a.list_sizes:
        with open_text(path) as f:
            for r in csv.DictReader(f):
                if r["AGE_GROUP_5"].strip() == "ALL" and r["SEX"].strip() in ("MALE", "FEMALE"):
                    lists[(r["ORG_CODE"].strip(), month_of_extract(r["EXTRACT_DATE"]))] += int(r["NUMBER_OF_PATIENTS"])
                elif r["SEX"].strip() in ("MALE", "FEMALE") and r["AGE_GROUP_5"].strip() != "ALL":
                    key = (r["ORG_CODE"].strip(), month_of_extract(r["EXTRACT_DATE"]))
                    for b in BANDS:
                        if in_band(r["AGE_GROUP_5"], b):
                            name = band_name(r["SEX"].strip().lower(), b)
                            statistics[key][name] = statistics[key].get(name, 0) + int(r["NUMBER_OF_PATIENTS"])

    # (practice, month, code) -> [items, quantity, actual_cost] as exact decimals.
    sums = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    months = set()
    names = {}
    raw_rows = []
    for path in a.epd:
        with open_text(path) as f:
            for r in csv.DictReader(f):
                m = month_of(r["YEAR_MONTH"])
                months.add(m)
                key = (r["PRACTICE_CODE"].strip(), m, r["BNF_PRESENTATION_CODE"].strip() if "BNF_PRESENTATION_CODE" in r else r["BNF_CODE"].strip())
                s = sums[key]
                names[key[2]] = r.get("BNF_PRESENTATION_NAME", r.get("BNF_DESCRIPTION", "")).strip()
                if a.dmd:
                    raw_rows.append((key[0], m + "-01", key[2], names[key[2]], float(r["ITEMS"]), float(r["TOTAL_QUANTITY"]),
                                     float(r["ACTUAL_COST"]), float(r["NIC"]), float(r["QUANTITY"])))
                s[0] += Decimal(r["ITEMS"])
                s[1] += Decimal(r["TOTAL_QUANTITY"])
                s[2] += Decimal(r["ACTUAL_COST"])
    codes = sorted({k[2] for k in sums})
    months = sorted(months)
    practices = sorted(standard)

    db = dmd_connection(a.dmd, codes, names, raw_rows, statistics)
    defs, skipped = {}, []

    def json_sides(d):
        """A first-format definition's two sides, or None when this file cannot compute it."""
        sides = []
        ok = True
        for side in ("numerator", "denominator"):
            t = d.get(f"{side}_type")
            if t == "custom" and (a.dmd or "practice_statistics" in str(d.get(f"{side}_from"))):
                text = lambda k: " ".join(d[k]) if isinstance(d.get(k), list) else d.get(k, "")
                try:
                    values = run_custom(db, text(f"{side}_columns"), text(f"{side}_from"), text(f"{side}_where") or "1 = 1")
                except (sqlite3.Error, ValueError):
                    ok = False
                    break
                sides.append(("custom", values))
                continue
            if t not in ("bnf_items", "bnf_quantity", "bnf_cost", "list_size"):
                ok = False
                break
            lines = d.get(f"{side}_bnf_codes_filter", [])
            query = d.get(f"{side}_bnf_codes_query")
            if query is not None and t != "list_size":
                if not a.dmd:
                    ok = False
                    break
                try:
                    found = run_query(db, " ".join(query) if isinstance(query, list) else query)
                except (sqlite3.Error, ValueError):
                    ok = False
                    break
                keep = compile_filter(lines) if lines else (lambda c: True)
                selected = {c for c in found if keep(c)}
                sides.append((t, selected.__contains__))   # none selected: zero, as OpenPrescribing computes it
                continue
            sides.append((t, compile_filter(lines) if t != "list_size" else None))
        return sides if ok else None

    def v2_side(q, output, fallback):
        """A second-format query's side: its codes as OpenPrescribing's second version matches
        them (a term is a prefix; `P_SS`, a nine-character prefix and two characters the code
        ends with; `product_type` on characters 10-11), intersected with the codes its dm+d
        fields select; an empty code list takes the first format's side (`fallback`)."""
        t = {"items": "bnf_items", "quantity": "bnf_quantity", "cost": "bnf_cost"}[output]
        included = [c for c in (q or {}).get("bnf_codes") or [] if c]
        excluded = [c for c in (q or {}).get("bnf_codes_excluded") or [] if c]
        dmd_keys = [k for k in ("forms", "routes", "form_routes", "ingredient_ids") if (q or {}).get(k)]
        if not included and not dmd_keys:
            if fallback is None or fallback[0] in ("custom", "list_size"):
                return None
            return (t, fallback[1])

        def term(tm, code):
            if "%" in tm:   # read as the first format's wildcard, as RxAtlas reads it (docs/MEASURES.md)
                return term_matches(tm, code)
            if "_" in tm:
                prefix, suffix = tm.split("_", 1)
                return code.startswith(prefix) and code.endswith(suffix)
            return code.startswith(tm)
        kind = (q or {}).get("product_type", "all")

        def keep(code):
            if included and not any(term(tm, code) for tm in included):
                return False
            if any(term(tm, code) for tm in excluded):
                return False
            if kind == "generic" and code[9:11] != "AA":
                return False
            if kind == "branded" and code[9:11] == "AA":
                return False
            return True
        if not dmd_keys:
            return (t, keep)
        if not a.dmd:
            return None
        sql = "SELECT DISTINCT o.bnf_code FROM vw__dmd_objs_with_form_route o WHERE o.bnf_code IS NOT NULL"
        args = []
        for k in ("form_routes", "forms", "routes"):
            if q.get(k):
                part = {"form_routes": "o.form_route", "forms": "substr(o.form_route, 1, instr(o.form_route, '.') - 1)",
                        "routes": "substr(o.form_route, instr(o.form_route, '.') + 1)"}[k]
                sql += f" AND {part} IN ({', '.join('?' * len(q[k]))})"
                args += [str(v) for v in q[k]]
        if q.get("ingredient_ids"):
            sql += f" AND o.vpid IN (SELECT vmp FROM dmd.vpi WHERE ing IN ({', '.join('?' * len(q['ingredient_ids']))}))"
            args += [int(v) for v in q["ingredient_ids"]]
        selected = {str(r[0]).strip() for r in db.execute(sql, args)}
        return (t, lambda code: code in selected and keep(code))

    def first(mid):
        """The first-format definition of that name's sides, read only when needed."""
        path = os.path.join(a.first_format or "", mid + ".json")
        return json_sides(json.load(open(path))) if a.first_format and os.path.exists(path) else None
    for name in sorted(os.listdir(a.definitions)):
        if name.endswith(".json"):
            mid = name[:-5]
            sides = json_sides(json.load(open(os.path.join(a.definitions, name))))
        elif name.endswith(".yaml"):
            import yaml   # PyYAML, for the second format only
            mid = name[:-5]
            y = yaml.safe_load(open(os.path.join(a.definitions, name)))
            options, queries = y.get("options") or {}, y.get("queries") or []
            q0 = queries[0] if len(queries) == 1 else {}
            empty = not [c for c in (q0.get("numerator") or {}).get("bnf_codes") or [] if c] or \
                (options.get("type") == "prescribing_vs_prescribing" and q0.get("denominator") is None)
            fallback = (first(mid) if empty else None) or [None, None]
            sides = None
            if options.get("output_value") in ("items", "quantity", "cost") and len(queries) == 1:
                n = v2_side(queries[0].get("numerator"), options["output_value"], fallback[0])
                if options.get("type") == "prescribing_vs_list_size":
                    d = ("list_size", None)
                else:
                    d = v2_side(queries[0].get("denominator"), options["output_value"], fallback[1])
                sides = [n, d] if n is not None and d is not None else None
        else:
            continue
        if sides is not None:
            defs[mid] = sides
        else:
            skipped.append(mid)

    os.makedirs(a.out, exist_ok=True)
    column = {"bnf_items": 0, "bnf_quantity": 1, "bnf_cost": 2}
    with open(os.path.join(a.out, "values.csv"), "w", newline="") as vf, open(os.path.join(a.out, "deciles.csv"), "w", newline="") as df:
        vw, dw = csv.writer(vf), csv.writer(df)
        vw.writerow(["measure", "org_code", "month", "numerator", "denominator", "calc_value", "percentile"])
        dw.writerow(["measure", "month"] + [f"p{k}0" for k in range(1, 10)])
        by_pm = defaultdict(list)
        for (p, m, c), s in sums.items():
            by_pm[(p, m)].append((c, s))
        for mid, sides in sorted(defs.items()):
            selected = [None if t in ("list_size", "custom") else {c for c in codes if flt(c)} for t, flt in sides]
            for m in months:
                rows = []
                for p in practices:
                    totals = []
                    for (t, custom), sel in zip(sides, selected):
                        if t == "custom":
                            totals.append(Decimal(repr(custom.get((p, m), 0.0))))
                        elif t == "list_size":
                            totals.append(Decimal(lists.get((p, m), 0)) / 1000)
                        else:
                            totals.append(sum((s[column[t]] for c, s in by_pm.get((p, m), []) if c in sel), Decimal(0)))
                    n, d = totals
                    calc = float(n) / float(d) if d != 0 else None
                    rows.append((p, n, d, calc))
                ranks = percent_rank([r[3] for r in rows])
                for (p, n, d, calc), rank in zip(rows, ranks):
                    vw.writerow([mid, p, m, str(n), str(d), "" if calc is None else repr(calc), "" if rank is None else repr(rank)])
                dec = [percentile_cont([r[3] for r in rows], k / 10) for k in range(1, 10)]
                dw.writerow([mid, m] + ["" if v is None else repr(v) for v in dec])
    print(f"op_measures: {len(defs)} definitions computed, {len(skipped)} skipped (custom SQL or dm+d): {', '.join(skipped)}",
          file=sys.stderr)


def month_of_extract(text):
    # 01JAN2025 -> 2025-01
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    t = text.strip().upper()
    return f"{t[-4:]}-{months.index(t[2:5]) + 1:02d}"


if __name__ == "__main__":
    main()
