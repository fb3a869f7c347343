#!/usr/bin/env python3
"""Writes controls.csv: a small SYNTHETIC data set of fraud-control selections (no real person in it).

2,000 benefit recipients. A risk profile selects about 15% for a control; it leans on postcode area, and
residents of area B (where more people have a migration background) are selected more often. A control
finds a violation with the same probability (12%) whatever the migration background, so any difference in
selection is unequal treatment, not a difference in behaviour. The outcome is known only for controlled
cases (empty otherwise). Seeded, so the file is the same on every run: python3 make_controls.py
"""
import csv
import random

rnd = random.Random(20261129)
with open("controls.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "postcode_area", "gender", "migration_background", "age_band", "selected", "violation"])
    for i in range(2000):
        area = rnd.choices(["A", "B", "C"], weights=[45, 30, 25])[0]
        migration = rnd.random() < {"A": 0.15, "B": 0.55, "C": 0.25}[area]
        gender = rnd.choices(["female", "male", "non-binary", ""], weights=[49, 48, 2, 1])[0]
        age = rnd.choices(["18-26", "27-44", "45-66", "67+"], weights=[18, 34, 33, 15])[0]
        p = {"A": 0.10, "B": 0.25, "C": 0.12}[area] * (1.3 if age == "18-26" else 1.0)
        selected = rnd.random() < p
        violation = ("1" if rnd.random() < 0.12 else "0") if selected else ""
        w.writerow([f"c{i:05d}", area, gender, "yes" if migration else "no", age,
                    "yes" if selected else "no", violation])
