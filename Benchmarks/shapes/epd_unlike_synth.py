#!/usr/bin/env python3
"""Writes an EPD month (2025+ layout, 27 columns) shaped unlike `rxatlas synth`'s files, for
benchmarks and fidelity checks that must not share the generator's assumptions:

- rows in random order (not grouped by practice or presentation);
- about 24,000 distinct presentations (synth's catalogue has far fewer), with long names quoted
  because they hold commas and doubled quotes;
- CRLF line ends;
- duplicate rows of one practice and presentation at other pack sizes (QUANTITY), which ingest
  must sum, not replace;
- practice names and addresses quoted with commas.

It also writes FILE.totals.json: rows, and the sums of ITEMS, TOTAL_QUANTITY, NIC and
ACTUAL_COST, so that a store built from the file can be checked against them
(`check_totals.py`).

Usage: epd_unlike_synth.py OUT.csv --gb 1.3 [--seed 1] [--practices 6500] [--presentations 24000]
"""
import argparse, json, random, sys
from decimal import Decimal

HEADER = ("YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,ICB_NAME,ICB_CODE,PCO_NAME,PCO_CODE,PRACTICE_NAME,"
          "PRACTICE_CODE,ADDRESS_1,ADDRESS_2,ADDRESS_3,ADDRESS_4,POSTCODE,BNF_CHEMICAL_SUBSTANCE_CODE,BNF_CHEMICAL_SUBSTANCE,"
          "BNF_PRESENTATION_CODE,BNF_PRESENTATION_NAME,BNF_CHAPTER_PLUS_CODE,QUANTITY,ITEMS,TOTAL_QUANTITY,ADQ_USAGE,NIC,"
          "ACTUAL_COST,UNIDENTIFIED,SNOMED_CODE")
LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
WORDS = ["Tab", "Cap", "Oral Soln", "Inha", "Cream", "Gel", "S/F", "Mod Rel", "E/C", "Pf Pen", "Cart", "Vl",
         "Sach", "Dispersible", "Chewable", "Eye Dps", "Nsl Spy", "Liq Spec", "Patch", "Supp"]


def quote(s):
    return '"' + s.replace('"', '""') + '"'


def presentations(rng, n):
    out = []
    seen = set()
    while len(out) < n:
        chapter = rng.randint(1, 15)
        chemical = (f"{chapter:02d}{rng.randint(1, 9):02d}{rng.randint(1, 9):02d}{rng.randint(0, 9)}"
                    f"{rng.choice(LETTERS)}{rng.choice(LETTERS + '0123456789')}")
        code = chemical + f"{rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"
        if code in seen:
            continue
        seen.add(code)
        strength = rng.choice(["5mg", "10mg", "250mg/5ml", "100u/ml", "1g", "0.5%", "200mcg/dose"])
        name = (f"{rng.choice(WORDS)}-{chemical[-3:]} {rng.choice(WORDS)}_{rng.choice(WORDS)} {strength}, "
                f"\"{rng.choice(WORDS)}\" pack of {rng.randint(7, 112)}, {rng.choice(WORDS)} (x{rng.randint(1, 9)})")
        out.append((chemical, f"Chem {chemical}, \"sub\" {chapter}", code, quote(name),
                    f"{chapter:02d}: Chapter {chapter}", str(rng.randint(10**14, 10**15 - 1))))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--gb", type=float, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--practices", type=int, default=6500)
    ap.add_argument("--presentations", type=int, default=24000)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pres = presentations(rng, a.presentations)
    practices = []
    for i in range(a.practices):
        code = f"{LETTERS[i % len(LETTERS)]}{81000 + i:05d}"[:6]
        icb = f"Q{rng.randint(10, 99)}"
        practices.append(",".join([
            "202504", "\"NORTH, EAST AND \"\"YORKSHIRE\"\"\"", "Y63", quote(f"NHS ICB {icb}, \"INTEGRATED\" CARE BOARD"), icb,
            quote(f"NHS ICB {icb} - {i % 97:02d}X, LOCATION"), f"{i % 97:02d}X", quote(f"THE \"PRACTICE\" {i}, SURGERY"), code,
            quote(f"{i} HIGH STREET, UNIT {i % 7}"), "TOWN", "", "", f"AB{i % 90 + 1} {i % 9}ZZ"]))
    target = int(a.gb * 1e9)
    written = 0
    rows = 0
    items = quantity = 0
    nic = cost = Decimal(0)
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        f.write(HEADER + "\r\n")
        written += len(HEADER) + 2
        buf = []
        while written < target:
            p = rng.randrange(a.practices)
            chemical, chemname, code, name, chapter, snomed = pres[int(len(pres) * rng.random() ** 3)]
            # One presentation at one or more pack sizes (duplicate rows to be summed).
            for _ in range(1 if rng.random() < 0.9 else rng.randint(2, 3)):
                n = rng.randint(1, 40)
                q = rng.choice([7, 14, 28, 56, 84, 100, 1, 30])
                nic_p = Decimal(rng.randint(1, 500000)) / 100
                cost_p = (nic_p * Decimal("0.92")).quantize(Decimal("0.00001"))
                line = (f"{practices[p]},{chemical},{quote(chemname)},{code},{name},{quote(chapter)},{q}.0,{n},{q * n}.0,"
                        f"0.0,{nic_p},{cost_p},N,{snomed}\r\n")
                buf.append(line)
                written += len(line.encode())
                rows += 1
                items += n
                quantity += q * n
                nic += nic_p
                cost += cost_p
            if len(buf) >= 20000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))
    totals = {"rows": rows, "items": items, "total_quantity": quantity, "nic": str(nic), "actual_cost": str(cost),
              "bytes": written, "presentations": len(pres), "practices": a.practices, "seed": a.seed}
    json.dump(totals, open(a.out + ".totals.json", "w"), indent=1)
    print(json.dumps(totals), file=sys.stderr)


if __name__ == "__main__":
    main()
