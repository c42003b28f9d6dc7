#!/usr/bin/env python3
"""Writes series.csv for the built-in demo study: one year at 3-hourly resolution.

A placeholder until the seeded weather-year generator exists: solar from a clipped sine of
the hour with a seasonal amplitude, wind from a seeded AR(1) process squashed into [0, 1],
loads with daily and seasonal shapes, and an EU price with a morning and an evening peak and
a midday solar dip. Deterministic (fixed seed, plain Python). Run: python3 make_series.py
"""
import math
import random
from datetime import datetime, timedelta

STEP_H = 3
ROWS = 8760 // STEP_H
rng = random.Random(2030)
start = datetime(2030, 1, 1)

wind_state = 0.0
rows = []
for i in range(ROWS):
    t = start + timedelta(hours=STEP_H * i)
    hour = t.hour + STEP_H / 2.0  # middle of the block
    day = t.timetuple().tm_yday
    season = math.cos(2 * math.pi * (day - 172) / 365.0)  # +1 mid-summer, -1 mid-winter
    # Solar (Absheron, ~40°N): daylight 12 h ± 3 h, peak 0.75 in summer, 0.45 in winter.
    half_day = 6.0 + 1.5 * season
    x = (hour - 12.5) / half_day
    solar = max(0.0, math.cos(x * math.pi / 2)) * (0.6 + 0.15 * season) if abs(x) < 1 else 0.0
    # Wind (Mangystau): AR(1) in a latent variable, mapped through a logistic curve.
    wind_state = 0.93 * wind_state + math.sqrt(1 - 0.93 ** 2) * rng.gauss(0, 1)
    wind = 1.0 / (1.0 + math.exp(-(1.55 * wind_state - 0.55 + 0.25 * (-season))))
    # Loads: evening peak, winter heating in Kazakhstan, summer cooling in Azerbaijan.
    daily = 1.0 + 0.12 * math.sin(2 * math.pi * (hour - 13) / 24.0) + 0.08 * math.exp(-((hour - 20) ** 2) / 8)
    load_kz = daily * (1.0 - 0.15 * season)
    load_az = daily * (1.0 + 0.10 * season)
    load_ge = daily * (1.0 - 0.12 * season)
    # EU price: 100 EUR/MWh on average, peaks at 8 h and 19 h, a dip at noon in summer.
    price = 95 + 18 * math.exp(-((hour - 8) ** 2) / 6) + 28 * math.exp(-((hour - 19.5) ** 2) / 5) \
        - 20 * max(0.0, season) * math.exp(-((hour - 13) ** 2) / 8) + 6 * (-season)
    hydro = 0.45 + 0.25 * math.cos(2 * math.pi * (day - 135) / 365.0)  # spring melt
    rows.append((t.strftime("%Y-%m-%dT%H:%M"), solar, wind, load_kz, load_az, load_ge, price, hydro))

with open("series.csv", "w") as f:
    f.write("timestamp,solar_AZ,wind_KZ,load_KZ,load_AZ,load_GE,price_EU,hydro_GE\n")
    for r in rows:
        f.write(r[0] + "," + ",".join(f"{v:.4f}" for v in r[1:]) + "\n")
