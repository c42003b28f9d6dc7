"""Constraints of the silkgrid study 'carried' that PyPSA's CSV format cannot hold.

Written by silkgrid (`convert --to pypsa`, or `run` on a PyPSA folder) beside the CSV files of
this folder, for PyPSA 0.26.3 (optimisation with linopy). Pass extra_functionality to n.optimize,
and PyPSA solves the problem that silkgrid solves:

    import sys
    import pypsa

    sys.path.insert(0, "FOLDER")  # this folder
    from silkgrid_constraints import extra_functionality

    n = pypsa.Network("FOLDER")
    n.optimize(solver_name="cbc", extra_functionality=extra_functionality)

What it adds to n.model, each constraint named "silkgrid-<table>-<name>":

  capacity_ties         Link-p_nom of a two-way link's reverse direction equals its forward one's
                        (PyPSA-Eur ties its lossy two-way links the same way)
  co2_caps              sum over snapshots of generator weighting * p * co2_emissions / efficiency
                        of the generators at the buses, plus co2_emissions * (initial - final
                        level) of the non-cyclic storage units and stores there, <= t_per_year
  renewable_shares      sum over snapshots of objective weighting * p of the generators of the
                        carriers at the buses >= share * the weighted load at the buses
  capacity_limits       p_nom of the generators of the carrier at the buses (Generator-p_nom of
                        the extendable ones, p_nom of the others) <= or >= mw
  storage_level_limits  min_pu * max_hours * p_nom <= state_of_charge <= max_pu * max_hours * p_nom
                        of a storage unit (min_pu, max_pu: a number, or one value per snapshot)

silkgrid's own PyPSA reader (`silkgrid run FOLDER`) reads the CONSTRAINTS table, not this code.
"""

import numpy as np
import pandas as pd
import xarray as xr

CONSTRAINTS = {
    "format": 1,
    "capacity_ties": [
        {"name":"cable-AB","links":["cable-AB","cable-AB-reverse"]}
    ],
    "co2_caps": [
        {"name":"cap-C","buses":["C"],"t_per_year":20.0}
    ],
    "renewable_shares": [
        {"name":"wind-E","buses":["E"],"carriers":["wind"],"share":0.3}
    ],
    "capacity_limits": [
        {"name":"wind-F-at-most","buses":["F"],"carrier":"wind","sense":"<=","mw":40.0},
        {"name":"solar-F-at-least","buses":["F"],"carrier":"solar","sense":">=","mw":5.0}
    ],
    "storage_level_limits": [
        {"storage_unit":"battery-G","min_pu":[0.875,0.625],"max_pu":0.95}
    ]
}  # end of CONSTRAINTS


def _known(index, names, what):
    missing = [name for name in names if name not in index]
    if missing:
        raise ValueError(f"silkgrid_constraints.py: {what} {missing} not in the network")
    return list(names)


def _per_snapshot(n, snapshots, value, what):
    if isinstance(value, list):
        if len(value) != len(n.snapshots):
            raise ValueError(
                f"silkgrid_constraints.py: {what} has {len(value)} values, the network {len(n.snapshots)} snapshots"
            )
        return pd.Series(value, index=n.snapshots).loc[snapshots].to_numpy(dtype=float)
    return np.full(len(snapshots), float(value))


def _weighted_sum(variable, snapshots, names, dim, coefficients):
    """The sum over snapshots t and components c of coefficients[t, c] * variable[t, c]."""
    coefficients = xr.DataArray(
        coefficients, coords={"snapshot": snapshots, dim: names}, dims=("snapshot", dim)
    )
    return (variable.loc[snapshots, names] * coefficients).sum()


def _capacity_ties(n, m):
    extendable = n.links.index[n.links.p_nom_extendable]
    for tie in CONSTRAINTS["capacity_ties"]:
        forward, reverse = _known(extendable, tie["links"], "extendable links")
        p_nom = m["Link-p_nom"]
        m.add_constraints(p_nom.loc[reverse] - p_nom.loc[forward] == 0, name=f"silkgrid-capacity_ties-{tie['name']}")


def _co2_caps(n, m, snapshots):
    co2 = n.carriers.co2_emissions
    weights = n.snapshot_weightings.generators.loc[snapshots].to_numpy(dtype=float)
    for cap in CONSTRAINTS["co2_caps"]:
        buses = _known(n.buses.index, cap["buses"], "buses")
        terms = []
        rhs = float(cap["t_per_year"])
        at = n.generators.bus.isin(buses)
        emits = n.generators.carrier.map(co2).fillna(0.0)
        gens = n.generators.index[at & (emits != 0)]
        if len(gens):
            efficiency = n.get_switchable_as_dense("Generator", "efficiency", snapshots)[gens].to_numpy(dtype=float)
            per_mwh = emits[gens].to_numpy(dtype=float) / efficiency
            terms.append(_weighted_sum(m["Generator-p"], snapshots, list(gens), "Generator", weights[:, None] * per_mwh))
        for component, table, level, cyclic, initial in (
            ("StorageUnit", n.storage_units, "state_of_charge", "cyclic_state_of_charge", "state_of_charge_initial"),
            ("Store", n.stores, "e", "e_cyclic", "e_initial"),
        ):
            emits = table.carrier.map(co2).fillna(0.0)
            chosen = table.index[table.bus.isin(buses) & ~table[cyclic].astype(bool) & (emits != 0)]
            if len(chosen) == 0:
                continue
            final = m[f"{component}-{level}"].loc[snapshots[-1], list(chosen)]
            per_mwh = xr.DataArray(emits[chosen].to_numpy(dtype=float), coords={component: list(chosen)}, dims=component)
            terms.append((final * -per_mwh).sum())
            rhs -= float((emits[chosen] * table.loc[chosen, initial]).sum())
        if terms:
            m.add_constraints(sum(terms[1:], terms[0]) <= rhs, name=f"silkgrid-co2_caps-{cap['name']}")


def _renewable_shares(n, m, snapshots):
    weights = n.snapshot_weightings.objective.loc[snapshots].to_numpy(dtype=float)
    for share in CONSTRAINTS["renewable_shares"]:
        buses = _known(n.buses.index, share["buses"], "buses")
        loads = n.loads.index[n.loads.bus.isin(buses)]
        demand = 0.0
        if len(loads):
            p_set = n.get_switchable_as_dense("Load", "p_set", snapshots)[loads].to_numpy(dtype=float)
            demand = float(weights @ p_set.sum(axis=1))
        rhs = float(share["share"]) * demand
        gens = n.generators.index[n.generators.bus.isin(buses) & n.generators.carrier.isin(share["carriers"])]
        if len(gens) == 0:
            if rhs > 0:
                raise ValueError(f"silkgrid_constraints.py: renewable share {share['name']!r} has no generator to meet it")
            continue
        coefficients = np.repeat(weights[:, None], len(gens), axis=1)
        lhs = _weighted_sum(m["Generator-p"], snapshots, list(gens), "Generator", coefficients)
        m.add_constraints(lhs >= rhs, name=f"silkgrid-renewable_shares-{share['name']}")


def _capacity_limits(n, m):
    for limit in CONSTRAINTS["capacity_limits"]:
        buses = _known(n.buses.index, limit["buses"], "buses")
        counted = n.generators[n.generators.bus.isin(buses) & (n.generators.carrier == limit["carrier"])]
        extendable = counted.index[counted.p_nom_extendable]
        if len(extendable) == 0:
            continue  # nothing to decide (as in silkgrid)
        fixed = float(counted.loc[~counted.p_nom_extendable, "p_nom"].sum())
        lhs = m["Generator-p_nom"].loc[list(extendable)].sum()
        rhs = float(limit["mw"]) - fixed
        constraint = lhs <= rhs if limit["sense"] == "<=" else lhs >= rhs
        m.add_constraints(constraint, name=f"silkgrid-capacity_limits-{limit['name']}")


def _storage_level_limits(n, m, snapshots):
    for limit in CONSTRAINTS["storage_level_limits"]:
        name = _known(n.storage_units.index, [limit["storage_unit"]], "storage units")[0]
        unit = n.storage_units.loc[name]
        level = m["StorageUnit-state_of_charge"].loc[snapshots, name]
        for bound in ("min_pu", "max_pu"):
            if bound not in limit:
                continue
            pu = _per_snapshot(n, snapshots, limit[bound], f"{bound} of {name!r}") * float(unit.max_hours)
            pu = xr.DataArray(pu, coords={"snapshot": snapshots}, dims="snapshot")
            if unit.p_nom_extendable:
                lhs, rhs = level - m["StorageUnit-p_nom"].loc[name] * pu, 0.0
            else:
                lhs, rhs = 1.0 * level, pu * float(unit.p_nom)
            constraint = lhs >= rhs if bound == "min_pu" else lhs <= rhs
            m.add_constraints(constraint, name=f"silkgrid-storage_level_limits-{bound}-{name}")


def extra_functionality(n, snapshots):
    """Adds every constraint of CONSTRAINTS to n.model (n.optimize(extra_functionality=...))."""
    m = n.model
    _capacity_ties(n, m)
    _co2_caps(n, m, snapshots)
    _renewable_shares(n, m, snapshots)
    _capacity_limits(n, m)
    _storage_level_limits(n, m, snapshots)
