#!/usr/bin/env python3
"""Calibrates the default credit policy (version 2) against a simulator ledger (docs/simulator.md).

For every invoice of the ledger the seller is taken to have checked the order just before it:
the exposure the order needs = the buyer's open invoices (invoiced - allocated payments - credit
notes; unallocated cash counted against the buyer as a whole) + the order. The script counts how
many of the healthy buyers' orders (ground-truth profiles PROMPT and DISPUTER) fit under the grade's
maximum at grades 3 to 6 under policy version 1 (absolute only) and version 2 (lowest of absolute,
revenue share and equity share, with the latest statement published by then; 100,000 EUR without
one), and what version 2 gives the deteriorating buyers after their decline began. Amounts are in
EUR at the simulator's own rates. It does not know the grades the suite gives: that is why every
grade is shown. Usage:

    deploy/simulator/simulate generate --buyers 500 --months 15 --seed 42 --out /tmp/ledger
    python3 limits-service/bench/policy-calibration.py /tmp/ledger
"""
import collections
import json
import sys

EUR = {"EUR": 1.0, "USD": 1.08, "GBP": 0.85, "CNY": 7.8}   # deploy/simulator Catalogue.eurTo
V1 = {3: 500000, 4: 300000, 5: 150000, 6: 75000, 7: 30000}
# grade: (absolute, share of revenue, share of equity), as in V20261124020000__limits_sized_by_financials.sql
V2 = {3: (6e6, .06, .20), 4: (5e6, .05, .20), 5: (3e6, .04, .15), 6: (750000, .02, .08), 7: (100000, .01, .04)}
WITHOUT_FINANCIALS = 100000


def v2_maximum(grade, statement):
    absolute, revenue_share, equity_share = V2[grade]
    if statement is None:
        return min(absolute, WITHOUT_FINANCIALS)
    return min(absolute, revenue_share * statement[2], max(statement[3], 0) * equity_share)


def main(ledger):
    truth = {t["buyerId"]: t for t in json.load(open(ledger + "/ground-truth.json"))["truths"]}
    statements = collections.defaultdict(list)
    events = collections.defaultdict(list)
    for line in open(ledger + "/ledger.ndjson"):
        r = json.loads(line)
        kind, buyer, body = r["kind"], r["buyerId"], r["body"]
        if kind == "financial-statement":
            rate = EUR[body["currency"]]
            statements[buyer].append((r["at"][:10], body["periodEnd"], float(body["revenue"]) / rate, float(body["bookEquity"]) / rate))
        elif kind == "invoice":
            events[buyer].append((r["at"], "invoice", float(body["amount"]) / EUR[body["currency"]]))
        elif kind == "payment":
            rate = EUR[body["currency"]]
            for a in body["allocations"]:
                events[buyer].append((r["at"], "paid", float(a["amount"]) / rate))
            if not body["allocations"]:
                events[buyer].append((r["at"], "paid", float(body["amount"]) / rate))
        elif kind == "credit-note":
            events[buyer].append((r["at"], "paid", float(body["amount"]) / EUR[body["currency"]]))

    fits = collections.defaultdict(lambda: [0, 0])
    declining = []
    for buyer, evs in events.items():
        evs.sort()
        open_amount = 0.0
        t = truth[buyer]
        for at, kind, amount in evs:
            if kind != "invoice":
                open_amount -= amount
                continue
            day = at[:10]
            known = [s for s in statements[buyer] if s[0] <= day]
            latest = max(known, key=lambda s: s[1]) if known else None
            need = open_amount + amount
            if t["profile"] in ("PROMPT", "DISPUTER"):
                for grade in (3, 4, 5, 6):
                    for version, maximum in (("v1", V1[grade]), ("v2", v2_maximum(grade, latest))):
                        fits[(version, grade)][1] += 1
                        fits[(version, grade)][0] += need <= maximum
            if t["deteriorationStart"] is not None and day >= t["deteriorationStart"]:
                declining.append((need, v2_maximum(5, latest)))
            open_amount += amount

    print("Healthy buyers' (PROMPT, DISPUTER) orders that fit under the grade's maximum (exposure + order):")
    for grade in (3, 4, 5, 6):
        a, b = fits[("v1", grade)], fits[("v2", grade)]
        print(f"  grade {grade}: policy v1 {a[0]}/{a[1]} = {100 * a[0] / a[1]:.1f} %   policy v2 {b[0]}/{b[1]} = {100 * b[0] / b[1]:.1f} %")
    print(f"Deteriorating buyers' orders after their decline began: {len(declining)}; under v2 at grade 5 "
          f"{sum(1 for n, m in declining if n <= m)} fit, {sum(1 for n, m in declining if m == 0)} meet a maximum of 0 (equity <= 0)")


if __name__ == "__main__":
    main(sys.argv[1])
