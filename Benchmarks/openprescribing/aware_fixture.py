#!/usr/bin/env python3
"""A small stand-in for OpenPrescribing's `vw_aware_abx_bnf_codes` (bnf_code, aware), for
`aware_antibiotics` in the checks: every chapter 5.1 code the given EPD files prescribe whose
chemical is listed below, with a UK-AWaRe group. It is a fixture for agreement checks, not
UKHSA's classification: build the real table from UKHSA's UK-AWaRe list.

Usage: aware_fixture.py OUT.csv EPD.csv[.gz] ...
"""
import csv
import gzip
import sys

GROUPS = {
    "0501013B0": "Access",   # amoxicillin
    "0501011P0": "Access",   # phenoxymethylpenicillin
    "0501012G0": "Access",   # flucloxacillin
    "0501030I0": "Access",   # doxycycline
    "0501130R0": "Access",   # nitrofurantoin
    "0501080W0": "Access",   # trimethoprim
    "0501015P0": "Access",   # pivmecillinam
    "0501013K0": "Watch",    # co-amoxiclav
    "0501050B0": "Watch",    # clarithromycin
    "0501050A0": "Watch",    # azithromycin
    "0501120L0": "Watch",    # ciprofloxacin
    "0501070AE": "Reserve",  # fosfomycin (a stand-in for the Reserve group)
}


def main():
    out, files = sys.argv[1], sys.argv[2:]
    codes = set()
    for path in files:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", newline="", encoding="latin-1") as f:
            for r in csv.DictReader(f):
                code = (r.get("BNF_PRESENTATION_CODE") or r.get("BNF_CODE") or "").strip()
                if code[:9] in GROUPS:
                    codes.add(code)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["bnf_code", "aware"])
        for c in sorted(codes):
            w.writerow([c, GROUPS[c[:9]]])
    print(f"aware_fixture: {len(codes)} codes", file=sys.stderr)


if __name__ == "__main__":
    main()
