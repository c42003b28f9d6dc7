#include "io/pypsa_constraints.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace silkgrid::io {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* begin_marker = "CONSTRAINTS = {";
constexpr const char* end_marker = "}  # end of CONSTRAINTS";

// What the module says of itself: how to use it and what each table means.
constexpr const char* module_head = R"PY("""Constraints of the silkgrid study '{name}' that PyPSA's CSV format cannot hold.

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

)PY";

constexpr const char* module_code = R"PY(

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
)PY";

Json numbers(const std::vector<double>& values) {
  if (values.size() == 1) return values[0];
  Json list = Json::array();
  for (double v : values) list.push_back(v);
  return list;
}

// A finite number: JSON and Python literals have no NaN or infinity.
double finite(double v, const std::string& what) {
  if (!std::isfinite(v))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, what},
                      fmt::format("{} is {}: silkgrid_constraints.py can hold finite numbers only", what, v));
  return v;
}

std::vector<double> finite(std::vector<double> values, const std::string& what) {
  for (double v : values) finite(v, what);
  return values;
}

void table(std::string& out, const char* key, const std::vector<Json>& rows, bool last) {
  out += fmt::format("    \"{}\": [", key);
  for (std::size_t i = 0; i < rows.size(); ++i) out += (i ? ",\n        " : "\n        ") + rows[i].dump();
  out += rows.empty() ? "]" : "\n    ]";
  out += last ? "\n" : ",\n";
}

// Parsing: the file, and the line of the table row that names `name` (else the table's start).
struct Source {
  const std::string& text;
  const std::string& file;
  int first_line;
  std::size_t begin;

  int line_of(const std::string& name) const {
    const std::string quoted = Json(name).dump();
    const auto at = text.find(quoted, begin);
    if (at == std::string::npos) return first_line;
    int line = 1;
    for (std::size_t i = 0; i < at; ++i)
      if (text[i] == '\n') ++line;
    return line;
  }
  [[noreturn]] void fail(const std::string& key, const std::string& name, const std::string& message) const {
    throw core::Error(core::ErrorKind::input, core::Context{file, name.empty() ? first_line : line_of(name), 0, key}, message);
  }
};

const Json& member(const Source& src, const Json& row, const char* key, const std::string& table, const std::string& name,
                   Json::value_t type) {
  const auto found = row.find(key);
  const bool number_ok = type == Json::value_t::number_float && found != row.end() && found->is_number();
  if (found == row.end() || (!number_ok && found->type() != type))
    src.fail(table + "." + key, name,
             fmt::format("{} '{}' needs '{}' ({})", table, name, key,
                         type == Json::value_t::string  ? "a string"
                         : type == Json::value_t::array ? "a list"
                                                        : "a number"));
  return *found;
}

std::vector<std::string> strings(const Source& src, const Json& row, const char* key, const std::string& table,
                                 const std::string& name) {
  std::vector<std::string> out;
  for (const Json& v : member(src, row, key, table, name, Json::value_t::array)) {
    if (!v.is_string()) src.fail(table + "." + key, name, fmt::format("{} '{}': '{}' must list names", table, name, key));
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<double> values(const Source& src, const Json& v, const std::string& key, const std::string& name) {
  if (v.is_number()) return {v.get<double>()};
  std::vector<double> out;
  if (v.is_array())
    for (const Json& x : v) {
      if (!x.is_number()) break;
      out.push_back(x.get<double>());
    }
  if (out.empty() || (v.is_array() && out.size() != v.size()))
    src.fail(key, name, fmt::format("storage unit '{}': '{}' must be a number or a list of numbers", name, key));
  return out;
}

}  // namespace

std::string constraints_module(const PyPsaConstraints& c, const std::string& study_name) {
  std::string head = module_head;
  head.replace(head.find("{name}"), 6, study_name);
  std::string out = head + begin_marker + "\n";
  out += "    \"format\": 1,\n";
  std::vector<Json> rows;
  for (const auto& t : c.ties) rows.push_back(Json{{"name", t.name}, {"links", Json::array({t.forward, t.reverse})}});
  table(out, "capacity_ties", rows, false);
  rows.clear();
  for (const auto& p : c.co2_caps)
    rows.push_back(Json{{"name", p.name}, {"buses", p.buses}, {"t_per_year", finite(p.t_per_year, p.name + ".t_per_year")}});
  table(out, "co2_caps", rows, false);
  rows.clear();
  for (const auto& p : c.renewable_shares)
    rows.push_back(
        Json{{"name", p.name}, {"buses", p.buses}, {"carriers", p.carriers}, {"share", finite(p.share, p.name + ".share")}});
  table(out, "renewable_shares", rows, false);
  rows.clear();
  for (const auto& p : c.capacity_limits)
    rows.push_back(Json{{"name", p.name},
                        {"buses", p.buses},
                        {"carrier", p.carrier},
                        {"sense", p.at_most ? "<=" : ">="},
                        {"mw", finite(p.mw, p.name + ".mw")}});
  table(out, "capacity_limits", rows, false);
  rows.clear();
  for (const auto& s : c.storage_levels) {
    Json row{{"storage_unit", s.storage_unit}};
    if (!s.min_pu.empty()) row["min_pu"] = numbers(finite(s.min_pu, s.storage_unit + ".min_pu"));
    if (!s.max_pu.empty()) row["max_pu"] = numbers(finite(s.max_pu, s.storage_unit + ".max_pu"));
    rows.push_back(std::move(row));
  }
  table(out, "storage_level_limits", rows, true);
  out += end_marker;
  out += "\n";
  out += module_code;
  return out;
}

PyPsaConstraints parse_constraints_module(const std::string& text, const std::string& file) {
  const auto begin = text.find(begin_marker);
  const auto end = begin == std::string::npos ? std::string::npos : text.find(end_marker, begin);
  if (end == std::string::npos)
    throw core::Error(core::ErrorKind::input, core::Context{file, 0, 0, "CONSTRAINTS"},
                      fmt::format("expected a table 'CONSTRAINTS = {{' … '{}' as silkgrid writes it", end_marker));
  int first_line = 1;
  for (std::size_t i = 0; i < begin; ++i)
    if (text[i] == '\n') ++first_line;
  const Source src{text, file, first_line, begin};
  const std::size_t open = begin + std::string(begin_marker).size() - 1;
  Json data;
  try {
    data = Json::parse(text.substr(open, end + 1 - open));
  } catch (const nlohmann::json::exception& e) {
    src.fail("CONSTRAINTS", "", fmt::format("the CONSTRAINTS table is not what silkgrid writes (JSON): {}", e.what()));
  }
  if (!data.contains("format") || data["format"] != 1)
    src.fail("CONSTRAINTS.format", "", "expected \"format\": 1 (the table's layout that this silkgrid reads)");
  const auto rows_of = [&](const char* key) {
    const auto found = data.find(key);
    if (found == data.end() || !found->is_array())
      src.fail(std::string("CONSTRAINTS.") + key, "", fmt::format("expected a list '{}'", key));
    for (const Json& row : *found)
      if (!row.is_object()) src.fail(std::string("CONSTRAINTS.") + key, "", fmt::format("'{}' must list tables {{…}}", key));
    return *found;
  };
  const auto name_of = [&](const Json& row, const char* table, const char* key = "name") {
    return member(src, row, key, table, "?", Json::value_t::string).get<std::string>();
  };
  PyPsaConstraints c;
  for (const Json& row : rows_of("capacity_ties")) {
    const std::string name = name_of(row, "capacity_ties");
    const auto links = strings(src, row, "links", "capacity_ties", name);
    if (links.size() != 2 || links[0] == links[1])
      src.fail("capacity_ties.links", name, fmt::format("capacity tie '{}' must name two different links", name));
    c.ties.push_back({name, links[0], links[1]});
  }
  for (const Json& row : rows_of("co2_caps")) {
    const std::string name = name_of(row, "co2_caps");
    c.co2_caps.push_back({name, strings(src, row, "buses", "co2_caps", name),
                          member(src, row, "t_per_year", "co2_caps", name, Json::value_t::number_float).get<double>()});
  }
  for (const Json& row : rows_of("renewable_shares")) {
    const std::string name = name_of(row, "renewable_shares");
    c.renewable_shares.push_back(
        {name, strings(src, row, "buses", "renewable_shares", name), strings(src, row, "carriers", "renewable_shares", name),
         member(src, row, "share", "renewable_shares", name, Json::value_t::number_float).get<double>()});
  }
  for (const Json& row : rows_of("capacity_limits")) {
    const std::string name = name_of(row, "capacity_limits");
    const std::string sense = member(src, row, "sense", "capacity_limits", name, Json::value_t::string).get<std::string>();
    if (sense != "<=" && sense != ">=")
      src.fail("capacity_limits.sense", name, fmt::format("capacity limit '{}': expected sense <= or >=, got '{}'", name, sense));
    c.capacity_limits.push_back(
        {name, strings(src, row, "buses", "capacity_limits", name),
         member(src, row, "carrier", "capacity_limits", name, Json::value_t::string).get<std::string>(), sense == "<=",
         member(src, row, "mw", "capacity_limits", name, Json::value_t::number_float).get<double>()});
  }
  for (const Json& row : rows_of("storage_level_limits")) {
    PyPsaConstraints::StorageLevel s;
    s.storage_unit = name_of(row, "storage_level_limits", "storage_unit");
    if (row.contains("min_pu")) s.min_pu = values(src, row["min_pu"], "storage_level_limits.min_pu", s.storage_unit);
    if (row.contains("max_pu")) s.max_pu = values(src, row["max_pu"], "storage_level_limits.max_pu", s.storage_unit);
    c.storage_levels.push_back(std::move(s));
  }
  return c;
}

}  // namespace silkgrid::io
