#!/usr/bin/env python3
"""Builds ics_dose_rules.csv from the research table bnf_ics_dose.csv (../shared/data/reference)
and the BNF code mapping, with the corrections listed in docs/STEROIDS.md.

    python3 scripts/reference/build_ics_rules.py ../shared/data > Sources/RxReference/reference/ics/ics_dose_rules.csv

One rule per (chemical, generic-equivalent chars 14-15, device). Where presentations sharing a
generic equivalent differ in particle (Qvar, extrafine, shares the codes of standard-particle
beclometasone), or where the generic equivalent is "A0" (no generic), the brand gets a
product-level rule keyed on chars 10-13.
"""
import csv
import sys
from collections import OrderedDict

root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
rows = list(csv.DictReader(open(f"{root}/reference/bnf_ics_dose.csv", encoding="utf-8")))
mapping = {r["old_code"]: r["new_code"] for r in csv.DictReader(open(f"{root}/reference/bnf_code_mapping.csv"))}


def combination(r):
    if r["combination"] != "Y" or r["device"] == "nebuliser":
        return "none"
    d = r["description"].lower()
    if "trimbow" in d or "trelegy" in d or "glycopyrronium" in d or "umeclidinium" in d:
        return "laba_lama"
    return "laba"


def rule_of(r):
    dev = r["device"]
    return dict(ics=r["ics"], particle=r["bdp_particle"] or "", combination=combination(r),
                mcg_per_actuation=r["ics_mcg_per_actuation"] if dev != "nebuliser" else "",
                actuations_per_day=r["assumed_actuations_per_day"] if dev != "nebuliser" else "",
                device=dev)


def source_of(r):
    return f"bnf_ics_dose.csv {r['bnf_code']} ({r['source']})"


out = OrderedDict()   # key -> dict
for r in rows:
    chem, ge, prod, fs = r["bnf_chemical"], r["generic_equiv"], r["product_code"], r["form_strength"]
    rule = rule_of(r)
    # DuoResp and Fobumix state the delivered dose; the generic equivalent's metered dose is the rule.
    if ge == "A0":
        key = (chem, prod, fs, ge, rule["device"])
    else:
        key = (chem, "", "", ge, rule["device"])
    if key in out:
        prev = out[key]
        same = all(prev[k] == rule[k] for k in ("ics", "particle", "combination", "actuations_per_day"))
        if not same:
            # Particle differs (Qvar vs standard beclometasone): a product-level rule for the brand.
            key = (chem, prod, fs, ge, rule["device"])
            out[key] = dict(rule, example=r["description"], source=source_of(r))
        else:
            if r["is_generic"] == "Y":
                out[key]["example"] = r["description"]
                out[key]["mcg_per_actuation"] = rule["mcg_per_actuation"]
            out[key]["source"] += "; " + r["bnf_code"]
        continue
    out[key] = dict(rule, example=r["description"], source=source_of(r))

# Gaps: generic equivalents that code changes moved brands onto or off, not in the research table.
extra = [
    # Pulvinal Beclometasone 400 (dry powder) moved 2020 from GE BP to BS, a code whose generic is a breath-actuated pMDI.
    ("0302000C0", "", "", "BS", "DPI", "beclometasone", "standard", "none", "400", "2",
     "Pulvinal Beclometasone 400mcg (100 D) after the 2020 code change",
     "bnf_code_mapping.csv 0302000C0BLACBP -> 0302000C0BLACBS; strength and device as bnf_ics_dose.csv 0302000C0BLACBP"),
    # Flixotide Evohaler 250 (60 D): GE BD moved to BC (fluticasone propionate 250 pMDI).
    ("0302000N0", "", "", "BD", "pMDI", "fluticasone_propionate", "", "none", "250", "4",
     "Flixotide Evohaler 250mcg (60 D), before the code change",
     "bnf_code_mapping.csv 0302000N0BBBABD -> 0302000N0BBBABC; classified as the replacement's generic equivalent BC (bnf_ics_dose.csv 0302000N0AABCBC)"),
    # A budesonide/formoterol dry-powder brand (product BI) moved from GE BC to AM (200/6 metered, 160/4.5 delivered).
    ("0302000K0", "", "", "BC", "DPI", "budesonide", "", "laba", "200", "4",
     "budesonide/formoterol dry powder brand BI, before the code change",
     "bnf_code_mapping.csv 0302000K0BIABBC -> 0302000K0BIABAM; classified as the replacement's generic equivalent AM (bnf_ics_dose.csv 0302000K0AAAMAM)"),
]
for chem, prod, fs, ge, dev, ics, part, comb, mcg, act, ex, src in extra:
    out[(chem, prod, fs, ge, dev)] = dict(ics=ics, particle=part, combination=comb, mcg_per_actuation=mcg,
                                          actuations_per_day=act, device=dev, example=ex, source=src)

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["chemical", "product", "form_strength", "generic_equivalent", "device", "ics", "particle", "combination",
            "mcg_per_actuation", "actuations_per_day", "example", "source"])
for (chem, prod, fs, ge, dev), r in sorted(out.items()):
    w.writerow([chem, prod, fs, ge, dev, r["ics"], r["particle"], r["combination"], r["mcg_per_actuation"],
                r["actuations_per_day"], r["example"], r["source"]])
