#!/usr/bin/env python3
"""Builds the synthetic-data generator's reference tables from public facts.

Run from the project root with the shared reference data beside it:
    python3 scripts/reference/build_reference.py ../shared/data

Writes (into Sources/RxReference/reference/, the tables bundled with the RxReference module):
  icbs.csv                 the 42 ICB footprints (ONS E54 code and name, OGL), an ODS-style
                           3-character code (synthetic), and the NHS England region (ONS E40
                           code, region name, regional office code) found by locating each
                           footprint's centroid inside the 7 region boundaries.
  list_size_quantiles.csv  101 percentiles of practice list size from the whole national
                           2016 Q1 file (NHSBSA, OGL), used as the shape of the distribution.
  synth_catalogue.csv      the presentation catalogue (see datasets/README.md).

Only facts are taken (codes, names, counts, prices); no source file is copied.
"""
import csv, json, sys, os, hashlib, statistics
from collections import defaultdict, Counter

SRC = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "RxReference", "reference")

def h01(s):
    """A stable uniform number in [0,1) from a string."""
    return int(hashlib.sha1(s.encode()).hexdigest()[:12], 16) / float(1 << 48)

# ---------------------------------------------------------------- ICBs and regions
REGION_ODS = {"London": "Y56", "South West": "Y58", "South East": "Y59", "Midlands": "Y60",
              "East of England": "Y61", "North West": "Y62", "North East and Yorkshire": "Y63"}

def point_in_ring(x, y, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside

def in_geometry(x, y, geom):
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    for poly in polys:
        if point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, hole) for hole in poly[1:]):
            return True
    return False

regions = json.load(open(f"{SRC}/geo/simplified_NHSER_Regions_April_2021_EN_BFC.geojson"))["features"]
stps = json.load(open(f"{SRC}/geo/simplified_STPs_April_2021_EN_BFC_42_ICB_footprints.geojson"))["features"]
icb_rows = []
for f in stps:
    p = f["properties"]
    x, y = p["LONG"], p["LAT"]
    # the region holding most of the footprint's boundary vertices (robust to simplified coasts)
    g = f["geometry"]
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    votes = Counter()
    for poly in polys:
        ring = poly[0]
        for k in range(0, len(ring), max(1, len(ring) // 60)):
            vx, vy = ring[k][0], ring[k][1]
            # nudge the vertex towards the centroid so that it falls inside, not on, a boundary
            vx, vy = vx + (x - vx) * 0.05, vy + (y - vy) * 0.05
            for r in regions:
                if in_geometry(vx, vy, r["geometry"]):
                    votes[r["properties"]["nhser20cd"]] += 1
    best = votes.most_common(1)[0][0]
    rp = next(r["properties"] for r in regions if r["properties"]["nhser20cd"] == best)
    icb_rows.append((p["STP21CD"], p["STP21NM"], rp["nhser20cd"], rp["nhser20nm"]))
icb_rows.sort()
with open(f"{OUT}/icbs.csv", "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["icb_e54_code", "icb_footprint_name", "icb_ods_code", "region_e40_code", "region_name", "region_ods_code"])
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    for i, (cd, nm, rcd, rnm) in enumerate(icb_rows):
        ods = "Q" + letters[i // 10 % len(letters)] + str(i % 10)  # ODS-style, synthetic
        w.writerow([cd, nm, ods, rcd, rnm, REGION_ODS[rnm]])
print("regions per ICB:", Counter(r[3] for r in icb_rows))

# ---------------------------------------------------------------- list sizes
sizes = []
with open(f"{SRC}/samples/Patient_List_Size_2016_01-03.csv", encoding="latin-1") as fh:
    r = csv.reader(fh); head = next(r)
    for row in r:
        sizes.append(sum(int(v) for v in row[8:] if v.strip()))
sizes.sort()
def q(p):
    k = p * (len(sizes) - 1); i = int(k); f = k - i
    return sizes[i] if i + 1 >= len(sizes) else sizes[i] * (1 - f) + sizes[i + 1] * f
with open(f"{OUT}/list_size_quantiles.csv", "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["percentile", "list_size"])
    for pc in range(101):
        w.writerow([pc, round(q(pc / 100))])
print("list sizes: n", len(sizes), "mean", sum(sizes) / len(sizes), "median", q(0.5))

# ---------------------------------------------------------------- presentations
mapping = {}
for row in csv.DictReader(open(f"{SRC}/reference/bnf_code_mapping.csv")):
    mapping[row["old_code"]] = row["new_code"]
def current(code):
    seen = 0
    while code in mapping and seen < 10:
        code = mapping[code]; seen += 1
    return code

names = {}
adq_val = {}
for row in csv.reader(open(f"{SRC}/samples/adqs_2016_04_01_bnf_presentations.csv", encoding="latin-1")):
    if len(row) < 2 or row[0] == "BNF Code": continue
    names[row[0]] = row[1]

# list sizes of the 4 EPD sample practices, per month
patients = defaultdict(int)
for mon in ("201709", "201710"):
    for row in csv.DictReader(open(f"{SRC}/samples/gp-reg-pat-prac-quin-age_{mon}_sample.csv")):
        if row["SEX"] == "ALL" and row["AGE_GROUP_5"] == "ALL":
            patients[mon] += int(row["NUMBER_OF_PATIENTS"])

stats = defaultdict(lambda: {"items": 0, "packs": Counter(), "price": [], "adq": [], "name": None})
for mon in ("201709", "201710"):
    for row in csv.DictReader(open(f"{SRC}/samples/epd_{mon}_4practices.csv", encoding="latin-1")):
        code = row["BNF_CODE"].strip()
        if len(code) != 15: continue
        s = stats[code]
        items = int(row["ITEMS"]); tq = float(row["TOTAL_QUANTITY"])
        s["items"] += items / (patients[mon] / 1000.0) / 2.0
        s["packs"][float(row["QUANTITY"])] += items
        if tq > 0:
            s["price"].append(float(row["NIC"]) / tq)
            s["adq"].append(float(row["ADQUSAGE"]) / tq)
        s["name"] = row["BNF_DESCRIPTION"]

cat = {}  # code -> dict
def add(code, name, weight, pack, alt, price, adq, category):
    code = current(code)
    if code in cat:
        cat[code]["weight"] += weight
        return
    cat[code] = dict(code=code, name=name, weight=weight, pack=pack, alt=alt, price=price, adq=adq, category=category)

def chapter(code): return code[:2]

for code, s in stats.items():
    packs = [p for p, _ in s["packs"].most_common(2)]
    pack = packs[0]; alt = packs[1] if len(packs) > 1 else 0
    add(code, s["name"], s["items"], pack, alt,
        statistics.median(s["price"]) if s["price"] else 0.0,
        statistics.median(s["adq"]) if s["adq"] else 0.0, "general")

# ICS across dose strengths (current codes only)
ics = {}
for row in csv.DictReader(open(f"{SRC}/reference/bnf_ics_dose.csv")):
    if row["code_status"] != "current": continue
    band = row["dose_category_nice2024"]
    if band.startswith("n/a"): c = "ics_nebuliser"
    elif row["op_high_dose_rule_2024"] == "Y": c = "ics_high"
    else: c = "ics_" + band
    ics[row["bnf_code"]] = (row["description"], c, row["device"])
for code, (desc, c, device) in ics.items():
    if code in cat:
        cat[code]["category"] = c
        if cat[code]["price"] == 0: cat[code]["price"] = 30.0
    else:
        # not seen in the 4-practice extract: a modest weight, one inhaler per item
        w = 0.02 + 0.25 * h01("w" + code) ** 3
        price = {"ics_high": 38.0, "ics_medium": 24.0, "ics_low": 14.0, "ics_nebuliser": 1.2}[c] * (0.7 + 0.6 * h01("p" + code))
        pack = 20.0 if c == "ics_nebuliser" else 1.0
        add(code, desc, w, pack, 2.0 if pack == 1.0 else 0, round(price / pack, 4), 30.0 / pack, c)

# Biologics and insulins with originator and biosimilar brands: relative prices per unit
# (originator = 1.0; list-price ratios of the UK brands, rounded).
REF_PRICE = {"enoxaparin": 3.03, "insulin aspart": 6.12, "insulin lispro": 5.66, "insulin glargine": 8.30,
             "teriparatide": 271.88, "denosumab": 183.00, "filgrastim": 52.70, "pegfilgrastim": 686.38,
             "etanercept": 89.38, "adalimumab": 352.14, "infliximab": 419.62, "ustekinumab": 2147.00}
REF_WEIGHT = {"enoxaparin": 1.2, "insulin aspart": 2.2, "insulin lispro": 1.3, "insulin glargine": 3.4,
              "teriparatide": 0.05, "denosumab": 0.45, "filgrastim": 0.02, "pegfilgrastim": 0.005,
              "etanercept": 0.03, "adalimumab": 0.05, "infliximab": 0.005, "ustekinumab": 0.004}
BIOSIM_RATIO = {"enoxaparin": 0.80, "insulin aspart": 0.70, "insulin lispro": 0.72, "insulin glargine": 0.85,
                "teriparatide": 0.62, "denosumab": 0.55, "filgrastim": 0.80, "pegfilgrastim": 0.60,
                "etanercept": 0.85, "adalimumab": 0.45, "infliximab": 0.75, "ustekinumab": 0.50}
INJ_PACK = {"enoxaparin": 10.0, "insulin aspart": 5.0, "insulin lispro": 5.0, "insulin glargine": 5.0,
            "teriparatide": 1.0, "denosumab": 1.0, "filgrastim": 5.0, "pegfilgrastim": 1.0,
            "etanercept": 4.0, "adalimumab": 2.0, "infliximab": 1.0, "ustekinumab": 1.0}
for row in csv.DictReader(open(f"{SRC}/reference/bnf_biosimilars.csv")):
    code, desc, role, mol = row["bnf_code"], row["description_in_source"], row["role"], row["molecule"]
    if not code or not desc or mol not in REF_PRICE: continue
    if role.startswith("originator-company") or "no biosimilar" in role or "oncology" in role:
        c, ratio = "biologic_other", 1.0
    elif role.startswith("originator"):
        c, ratio = "biologic_originator", 1.0
    elif role.startswith("biosimilar"):
        c, ratio = "biologic_biosimilar", BIOSIM_RATIO[mol] * (0.95 + 0.1 * h01("r" + code))
    else:
        c, ratio = "biologic_generic", 1.0
    share = {"biologic_originator": 0.55, "biologic_biosimilar": 0.30, "biologic_generic": 0.10, "biologic_other": 0.05}[c]
    w = REF_WEIGHT[mol] * share * (0.5 + h01("w" + code))
    price = round(REF_PRICE[mol] * ratio, 4)
    if code in cat:
        cat[code].update(category=c, price=price)
    else:
        add(code, desc, w, INJ_PACK[mol], 0, price, 0.0, c)

# SABA inhalers and oral prednisolone
INHALER_WORDS = ("Inha", "Inh ", "_Inh", "Evohaler", "Accuhaler", "Easyhaler", "Turbohaler", "Autohaler",
                 "Pdr For Inh", "Novolizer", "Clickhaler", "Pulvinal")
for code, name in list(names.items()) + [(c, d["name"]) for c, d in cat.items()]:
    cur = current(code)
    if cur[:9] in ("0301011R0", "0301011V0") and any(wd in name for wd in INHALER_WORDS) and "Soln" not in name:
        if cur in cat: cat[cur]["category"] = "saba"
        else: add(code, name, 0.05 + 0.3 * h01("w" + code) ** 3, 1.0, 2.0, 4.5 * (0.6 + 0.8 * h01("p" + code)), 50.0, "saba")
    if cur[:9] == "0603020T0" and any(wd in name for wd in ("Tab", "Oral Soln", "Oral Susp")):
        if cur in cat: cat[cur]["category"] = "oral_prednisolone"
        else: add(code, name, 0.02 + 0.1 * h01("w" + code) ** 3, 28.0, 56.0, 0.08 * (0.6 + 2.0 * h01("p" + code)), 0.5, "oral_prednisolone")

# A tail of rarely prescribed presentations (chapters 01-15), from the national code list
tail = [c for c in sorted(names) if c[:2] in {f"{i:02d}" for i in range(1, 16)} and len(c) == 15 and current(c) not in cat]
for code in tail:
    if h01("t" + code) < 0.22:
        nm = names[code]
        solid = any(wd in nm for wd in ("Tab", "Cap"))
        pack = 28.0 if solid else 1.0
        price = (0.05 + 0.8 * h01("p" + code) ** 2) if solid else (2.0 + 30.0 * h01("p" + code) ** 2)
        add(code, nm, 0.002 + 0.03 * h01("w" + code) ** 2, pack, 56.0 if solid else 0, round(price, 4), 0.0, "general")

# chemical names: the generic presentation's name before its form
def chem_name_from(name):
    if "_" in name: return name.split("_")[0].strip()
    out = []
    for tok in name.split():
        if tok[0].isdigit(): break
        out.append(tok)
    return " ".join(out) or name
chem_names = {}
for code in sorted(cat):
    c9 = code[:9]
    if code[9:11] == "AA" or c9 not in chem_names:
        if code[9:11] == "AA" or c9 not in chem_names:
            chem_names.setdefault(c9, None)
            if code[9:11] == "AA" or chem_names[c9] is None:
                chem_names[c9] = chem_name_from(cat[code]["name"])

def verhoeff(num):
    d = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
         [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
    p = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,7,6,8,0],
         [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
    inv = [0,4,3,2,1,5,9,8,7,6]
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = d[c][p[(i + 1) % 8][int(ch)]]
    return num + str(inv[c])

with open(f"{OUT}/synth_catalogue.csv", "w", newline="", encoding="latin-1") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["bnf_code", "bnf_name", "chemical_code", "chemical_name", "pack_size", "alt_pack_size",
                "unit_price", "adq_per_unit", "weight", "category", "snomed_code"])
    for code in sorted(cat):
        e = cat[code]
        if e["price"] <= 0: e["price"] = 0.5
        sn = verhoeff(str(10000000 + int(h01("s" + code) * 89999999)) + "100000110")
        w.writerow([code, e["name"], code[:9], chem_names[code[:9]], f'{e["pack"]:.1f}', f'{e["alt"]:.1f}',
                    f'{e["price"]:.5f}'.rstrip("0").rstrip("."), f'{e["adq"]:.5f}'.rstrip("0").rstrip(".") or "0",
                    f'{e["weight"]:.6f}', e["category"], sn])
print("catalogue:", len(cat), Counter(e["category"] for e in cat.values()))
print("total weight", sum(e["weight"] for e in cat.values()))
