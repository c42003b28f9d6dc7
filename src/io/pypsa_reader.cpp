#include "io/pypsa_reader.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "core/error.hpp"
#include "io/csv.hpp"
#include "model/validate.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;
using core::Context;
using core::Error;
using core::ErrorKind;

namespace {

// One PyPSA component table: rows by name, attributes by column, PyPSA's defaults for the rest.
struct Table {
  CsvTable csv;
  bool present = false;
  int column(const std::string& name) const {
    for (std::size_t j = 0; j < csv.header.size(); ++j)
      if (csv.header[j] == name) return static_cast<int>(j);
    return -1;
  }
  std::size_t rows() const { return csv.rows.size(); }
  std::string text(std::size_t row, const std::string& name, const std::string& fallback = "") const {
    const int j = column(name);
    return j < 0 || csv.rows[row][static_cast<std::size_t>(j)].empty() ? fallback : csv.rows[row][static_cast<std::size_t>(j)];
  }
  double number(std::size_t row, const std::string& name, double fallback) const {
    const int j = column(name);
    if (j < 0) return fallback;
    const std::string& cell = csv.rows[row][static_cast<std::size_t>(j)];
    if (cell.empty()) return fallback;
    if (cell == "inf") return model::unlimited;
    if (cell == "-inf") return -model::unlimited;
    return parse_number_cell(csv, row, static_cast<std::size_t>(j));
  }
  bool flag(std::size_t row, const std::string& name) const {
    const std::string v = text(row, name, "False");
    if (v == "True" || v == "true" || v == "1") return true;
    if (v == "False" || v == "false" || v == "0") return false;
    const int j = column(name);
    throw Error(ErrorKind::input, Context{csv.file, csv.line[row], j + 1, name}, fmt::format("expected True or False, got '{}'", v));
  }
};

Table read_table(const fs::path& folder, const std::string& name) {
  Table t;
  const fs::path path = folder / (name + ".csv");
  std::error_code ec;
  if (!fs::exists(path, ec)) return t;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  // PyPSA leaves the index column of series and snapshot tables unnamed: call it "index".
  if (!content.empty() && content[0] == ',') content.insert(0, "index");
  t.csv = parse_csv(content, path.string());
  t.present = true;
  // PyPSA writes the index column as "name" (components) or "" → it becomes the first column.
  return t;
}

std::string name_of(const Table& t, std::size_t row) { return t.csv.rows[row][0]; }

[[noreturn]] void unsupported(const Table& t, std::size_t row, const std::string& what) {
  throw Error(ErrorKind::input, Context{t.csv.file, t.csv.line[row], 0, name_of(t, row)},
              fmt::format("{} is not supported yet by silkgrid's PyPSA import", what));
}

}  // namespace

bool is_pypsa_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && fs::exists(fs::path(path) / "buses.csv", ec) &&
         !fs::exists(fs::path(path) / "study.yaml", ec);
}

model::Study read_pypsa_folder(const std::string& folder_name, core::Logger& log) {
  const fs::path folder(folder_name);
  model::Study s;
  s.file = (folder / "buses.csv").string();
  s.settings.name = folder.filename().empty() ? folder.parent_path().filename().string() : folder.filename().string();
  s.settings.discount_rate = 0.0;  // capital costs come annualised (capital_cost)

  for (const char* name : {"storage_units", "stores", "transformers"}) {
    const Table t = read_table(folder, name);
    if (t.present && t.rows() > 0) unsupported(t, 0, fmt::format("the component kind '{}'", name));
  }
  if (const Table periods = read_table(folder, "investment_periods"); periods.present && periods.rows() > 0)
    unsupported(periods, 0, "multi-period investment");

  // Snapshots and weightings.
  const Table snapshots = read_table(folder, "snapshots");
  std::vector<std::string> stamps;
  std::vector<double> weights;
  if (snapshots.present) {
    for (std::size_t i = 0; i < snapshots.rows(); ++i) {
      stamps.push_back(snapshots.text(i, "snapshot", snapshots.csv.rows[i][0]));
      const double objective = snapshots.number(i, "objective", 1.0);
      const double generators = snapshots.number(i, "generators", objective);
      if (std::abs(generators - objective) > 1e-12)
        log.warn("{}: snapshot {} weights generators ({}) apart from the objective ({}); silkgrid uses the objective weight",
                 snapshots.csv.file, i, generators, objective);
      weights.push_back(objective);
    }
  } else {
    stamps.push_back("now");
    weights.push_back(1.0);
  }
  s.time.timestamps = stamps;
  s.time.weights = weights;
  const std::size_t T = stamps.size();

  // Carriers.
  const Table carriers = read_table(folder, "carriers");
  for (std::size_t i = 0; i < carriers.rows(); ++i) {
    s.carriers.name.push_back(name_of(carriers, i));
    s.carriers.co2_t_per_mwh_fuel.push_back(carriers.number(i, "co2_emissions", 0.0));
    s.carriers.renewable.push_back(carriers.number(i, "co2_emissions", 0.0) == 0.0 ? 1 : 0);
  }
  const auto carrier_index = [&](const std::string& name) {
    int c = s.find_carrier(name);
    if (c < 0) {
      s.carriers.name.push_back(name);
      s.carriers.co2_t_per_mwh_fuel.push_back(0.0);
      s.carriers.renewable.push_back(0);
      c = static_cast<int>(s.carriers.size() - 1);
    }
    return c;
  };

  // Buses → regions.
  const Table buses = read_table(folder, "buses");
  std::vector<double> v_nom;
  std::vector<char> dc;
  for (std::size_t i = 0; i < buses.rows(); ++i) {
    s.regions.name.push_back(name_of(buses, i));
    s.regions.country.push_back(buses.text(i, "country", ""));
    s.regions.lat.push_back(buses.number(i, "y", model::not_given));
    s.regions.lon.push_back(buses.number(i, "x", model::not_given));
    v_nom.push_back(buses.number(i, "v_nom", 1.0));
    dc.push_back(buses.text(i, "carrier", "AC") == "DC" ? 1 : 0);
  }
  const auto bus = [&](const Table& t, std::size_t row, const char* column) {
    const std::string name = t.text(row, column);
    const int r = s.find_region(name);
    if (r < 0)
      throw Error(ErrorKind::input, Context{t.csv.file, t.csv.line[row], t.column(column) + 1, column},
                  fmt::format("unknown bus '{}'", name));
    return r;
  };

  // A static attribute, or its column in the table's time series (e.g. generators-p_max_pu.csv),
  // which becomes a column of the study's time series.
  const auto profile = [&](const std::string& table_name, const Table& components, std::size_t row,
                           const std::string& attribute, double fallback) {
    const Table t = read_table(folder, table_name + "-" + attribute);
    const int j = t.present ? t.column(name_of(components, row)) : -1;
    if (j < 0) return model::Profile::fixed(components.number(row, attribute, fallback));
    if (t.rows() != T)
      throw Error(ErrorKind::input, Context{t.csv.file, 0, 0, ""},
                  fmt::format("expected {} rows, one per snapshot; got {}", T, t.rows()));
    std::vector<double> values(T);
    for (std::size_t r = 0; r < T; ++r) values[r] = parse_number_cell(t.csv, r, static_cast<std::size_t>(j));
    s.series.names.push_back(table_name + "-" + attribute + ":" + name_of(components, row));
    s.series.values.push_back(std::move(values));
    if (s.series.file.empty()) s.series.file = t.csv.file;
    return model::Profile{0.0, static_cast<int>(s.series.names.size() - 1), 1.0};
  };

  // Generators.
  const Table gens = read_table(folder, "generators");
  for (std::size_t i = 0; i < gens.rows(); ++i) {
    if (gens.number(i, "sign", 1.0) != 1.0) unsupported(gens, i, "a generator with sign -1");
    if (gens.flag(i, "committable")) unsupported(gens, i, "unit commitment (committable)");
    for (const char* ramp : {"ramp_limit_up", "ramp_limit_down"})
      if (std::isfinite(gens.number(i, ramp, model::not_given)))
        log.warn("{}: generator '{}': {} is not supported and is ignored", gens.csv.file, name_of(gens, i), ramp);
    auto& g = s.generators;
    g.name.push_back(name_of(gens, i));
    g.region.push_back(bus(gens, i, "bus"));
    g.carrier.push_back(carrier_index(gens.text(i, "carrier", "(none)")));
    const bool ext = gens.flag(i, "p_nom_extendable");
    g.invest.push(ext ? 0.0 : gens.number(i, "p_nom", 0.0), ext, gens.number(i, "p_nom_min", 0.0),
                  gens.number(i, "p_nom_max", model::unlimited), 0.0, model::not_given, model::not_given,
                  gens.number(i, "capital_cost", 0.0));
    g.capex_eur_per_kw.push_back(0.0);
    g.efficiency.push_back(gens.number(i, "efficiency", 1.0));
    g.fuel_eur_per_mwh_fuel.push_back(0.0);
    g.vom_eur_per_mwh.push_back(gens.number(i, "marginal_cost", 0.0));
    g.p_max_pu.push_back(profile("generators", gens, i, "p_max_pu", 1.0));
    g.p_min_pu.push_back(profile("generators", gens, i, "p_min_pu", 0.0));
  }

  // Loads.
  const Table loads = read_table(folder, "loads");
  for (std::size_t i = 0; i < loads.rows(); ++i) {
    if (loads.number(i, "sign", -1.0) != -1.0) unsupported(loads, i, "a load with sign +1");
    s.loads.name.push_back(name_of(loads, i));
    s.loads.region.push_back(bus(loads, i, "bus"));
    s.loads.p_mw.push_back(profile("loads", loads, i, "p_set", 0.0));
  }

  // Lines.
  const Table lines = read_table(folder, "lines");
  for (std::size_t i = 0; i < lines.rows(); ++i) {
    if (!lines.text(i, "type").empty()) unsupported(lines, i, "a line given by its standard type");
    auto& l = s.lines;
    l.name.push_back(name_of(lines, i));
    const int from = bus(lines, i, "bus0"), to = bus(lines, i, "bus1");
    l.from.push_back(from);
    l.to.push_back(to);
    const bool ext = lines.flag(i, "s_nom_extendable");
    l.invest.push(ext ? 0.0 : lines.number(i, "s_nom", 0.0), ext, lines.number(i, "s_nom_min", 0.0),
                  lines.number(i, "s_nom_max", model::unlimited), 0.0, model::not_given, model::not_given,
                  lines.number(i, "capital_cost", 0.0));
    const bool is_dc = dc[static_cast<std::size_t>(from)] != 0;
    l.kind.push_back(is_dc ? model::LineKind::dc : model::LineKind::ac);
    l.x_ohm.push_back(lines.number(i, "x", 0.0));
    l.r_ohm.push_back(lines.number(i, "r", 0.0));
    l.v_nom_kv.push_back(v_nom[static_cast<std::size_t>(from)]);
    l.s_max_pu.push_back(lines.number(i, "s_max_pu", 1.0));
    l.length_km.push_back(lines.number(i, "length", 0.0));
    l.capex_eur_per_mw_km.push_back(0.0);
  }

  // Links: one flow variable in [p_min_pu, p_max_pu] × p_nom, PyPSA's way.
  const Table links = read_table(folder, "links");
  for (std::size_t i = 0; i < links.rows(); ++i) {
    auto& k = s.links;
    k.name.push_back(name_of(links, i));
    k.from.push_back(bus(links, i, "bus0"));
    k.to.push_back(bus(links, i, "bus1"));
    const bool ext = links.flag(i, "p_nom_extendable");
    k.invest.push(ext ? 0.0 : links.number(i, "p_nom", 0.0), ext, links.number(i, "p_nom_min", 0.0),
                  links.number(i, "p_nom_max", model::unlimited), 0.0, model::not_given, model::not_given,
                  links.number(i, "capital_cost", 0.0));
    k.kind.push_back(model::LinkKind::custom);
    k.length_km.push_back(links.number(i, "length", 0.0));
    k.capex_eur_per_mw_km.push_back(0.0);
    k.capex_eur_per_kw.push_back(0.0);
    k.efficiency.push_back(links.number(i, "efficiency", 1.0));
    k.bidirectional.push_back(0);
    k.marginal_cost_eur_per_mwh.push_back(links.number(i, "marginal_cost", 0.0));
    k.p_min_pu.push_back(links.number(i, "p_min_pu", 0.0));
    k.p_max_pu.push_back(links.number(i, "p_max_pu", 1.0));
  }

  // Global constraints: CO2 limits on primary energy.
  const Table constraints = read_table(folder, "global_constraints");
  for (std::size_t i = 0; i < constraints.rows(); ++i) {
    const std::string type = constraints.text(i, "type");
    const std::string attribute = constraints.text(i, "carrier_attribute", "co2_emissions");
    const std::string sense = constraints.text(i, "sense", "<=");
    if (type != "primary_energy" || attribute != "co2_emissions" || (sense != "<=" && sense != "<"))
      unsupported(constraints, i, fmt::format("a global constraint of type '{}' on '{}' with sense '{}'", type, attribute, sense));
    auto& p = s.policies;
    p.name.push_back(name_of(constraints, i));
    p.kind.push_back(model::PolicyKind::co2_cap);
    std::vector<int> all(s.regions.size());
    std::iota(all.begin(), all.end(), 0);
    p.regions.push_back(all);
    p.carrier.push_back(-1);
    p.carriers.push_back({});
    p.value.push_back(constraints.number(i, "constant", 0.0));
  }

  model::validate(s, log);
  return s;
}

}  // namespace silkgrid::io
