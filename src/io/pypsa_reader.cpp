#include "io/pypsa_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "finance/annuity.hpp"
#include "core/time_axis.hpp"
#include "io/builtin.hpp"
#include "io/csv.hpp"
#include "io/pypsa_constraints.hpp"
#include "model/validate.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;
using core::Context;
using core::Error;
using core::ErrorKind;

namespace {

bool is_nan_text(const std::string& v) { return v.empty() || v == "nan" || v == "NaN" || v == "NAN"; }

// One PyPSA component table: rows by name, attributes by column, PyPSA's defaults for the rest.
struct Table {
  std::string kind;  // "generators", ...
  CsvTable csv;
  bool present = false;
  int column(const std::string& name) const {
    for (std::size_t j = 0; j < csv.header.size(); ++j)
      if (csv.header[j] == name) return static_cast<int>(j);
    return -1;
  }
  std::size_t rows() const { return csv.rows.size(); }
  const std::string& cell(std::size_t row, int j) const { return csv.rows[row][static_cast<std::size_t>(j)]; }
  std::string text(std::size_t row, const std::string& name, const std::string& fallback = "") const {
    const int j = column(name);
    return j < 0 || is_nan_text(cell(row, j)) ? fallback : cell(row, j);
  }
  double number(std::size_t row, const std::string& name, double fallback) const {
    const int j = column(name);
    if (j < 0) return fallback;
    const std::string& v = cell(row, j);
    if (is_nan_text(v)) return fallback;
    if (v == "inf" || v == "Infinity") return model::unlimited;
    if (v == "-inf" || v == "-Infinity") return -model::unlimited;
    return parse_number_cell(csv, row, static_cast<std::size_t>(j));
  }
  bool flag(std::size_t row, const std::string& name, bool fallback = false) const {
    const int j = column(name);
    if (j < 0 || is_nan_text(cell(row, j))) return fallback;
    const std::string& v = cell(row, j);
    if (v == "True" || v == "true" || v == "TRUE" || v == "1" || v == "1.0") return true;
    if (v == "False" || v == "false" || v == "FALSE" || v == "0" || v == "0.0") return false;
    throw Error(ErrorKind::input, Context{csv.file, csv.line[row], j + 1, name}, fmt::format("expected True or False, got '{}'", v));
  }
  std::string name(std::size_t row) const { return csv.rows[row][0]; }
  Context at(std::size_t row, const std::string& attribute) const {
    return Context{csv.file, csv.line[row], column(attribute) + 1, attribute};
  }
};

Table parse_table(std::string content, const std::string& file, const std::string& kind) {
  Table t;
  t.kind = kind;
  // PyPSA leaves the index column of series and snapshot tables unnamed: call it "index"
  // (after a UTF-8 byte-order mark, which spreadsheet programs put first).
  if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);
  if (!content.empty() && content[0] == ',') content.insert(0, "index");
  t.csv = parse_csv(content, file);
  t.present = true;
  return t;
}

Table read_table(const fs::path& folder, const std::string& name) {
  const fs::path path = folder / (name + ".csv");
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    Table t;
    t.kind = name;
    return t;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::io, Context{path.string(), 0, 0, ""}, "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return parse_table(text.str(), path.string(), name);
}

// PyPSA's standard line and transformer types: the network folder's own table if it has one,
// else the one shipped with silkgrid (PyPSA's, embedded from data/pypsa/).
Table standard_types(const fs::path& folder, const std::string& name) {
  Table t = read_table(folder, name);
  if (t.present) return t;
  const auto shipped = find_builtin_data("pypsa/" + name + ".csv");
  if (!shipped) throw Error(ErrorKind::internal, Context{}, fmt::format("the shipped table {} is missing", name));
  return parse_table(std::string(*shipped), std::string(builtin_prefix) + "pypsa/" + name + ".csv", name);
}

int find_row(const Table& t, const std::string& name) {
  for (std::size_t i = 0; i < t.rows(); ++i)
    if (t.name(i) == name) return static_cast<int>(i);
  return -1;
}

// Attributes a component table may carry that silkgrid does not model, with PyPSA's default:
// a component that sets one away from its default gets a warning naming it.
struct Unmodelled {
  const char* attribute;
  const char* default_value;  // "" = NaN
  const char* what;
};

const std::vector<Unmodelled>& unit_commitment_and_ramps() {
  static const std::vector<Unmodelled> list = {
      {"committable", "False", "unit commitment (solved as if not committable)"},
      {"ramp_limit_up", "", "ramp limits (ignored)"},
      {"ramp_limit_down", "", "ramp limits (ignored)"},
      {"ramp_limit_start_up", "1", "ramp limits (ignored)"},
      {"ramp_limit_shut_down", "1", "ramp limits (ignored)"},
      {"min_up_time", "0", "unit commitment (ignored)"},
      {"min_down_time", "0", "unit commitment (ignored)"},
      {"up_time_before", "1", "unit commitment (ignored)"},
      {"down_time_before", "0", "unit commitment (ignored)"},
      {"start_up_cost", "0", "unit commitment (ignored)"},
      {"shut_down_cost", "0", "unit commitment (ignored)"},
      {"stand_by_cost", "0", "unit commitment (ignored)"},
      {"marginal_cost_quadratic", "0", "quadratic costs (ignored: silkgrid solves LPs)"},
      {"p_nom_mod", "0", "modular capacity (ignored: solved as continuous)"},
      {"e_nom_mod", "0", "modular capacity (ignored: solved as continuous)"},
      {"s_nom_mod", "0", "modular capacity (ignored: solved as continuous)"},
      {"e_sum_min", "-inf", "energy-sum limits (ignored)"},
      {"e_sum_max", "inf", "energy-sum limits (ignored)"},
      {"p_set", "0", "power set points (ignored)"},
      {"p_dispatch_set", "", "power set points (ignored)"},
      {"p_store_set", "", "power set points (ignored)"},
      {"phase_shift_min", "0", "optimised phase shifts (the fixed phase_shift is used)"},
      {"phase_shift_max", "0", "optimised phase shifts (the fixed phase_shift is used)"},
      {"build_year", "0", "build years (ignored: one investment period)"},
  };
  return list;
}

// Columns that are descriptive, power-flow-only or PyPSA's outputs: read by nobody, no warning.
const std::set<std::string>& descriptive_columns() {
  static const std::set<std::string> names = {
      "index", "name", "x", "y", "control", "q_set", "v_mag_pu_set", "v_mag_pu_min", "v_mag_pu_max", "sub_network",
      "b", "g", "unit", "location", "country", "color", "nice_name", "generator", "terrain_factor", "model",
      "tap_side", "weight", "lifetime", "v_ang_min", "v_ang_max", "max_growth", "max_relative_growth",
      "state_of_charge_initial_per_period", "cyclic_state_of_charge_per_period", "e_initial_per_period",
      "e_cyclic_per_period", "investment_period", "mu", "p_nom_opt", "s_nom_opt", "e_nom_opt", "x_pu", "r_pu",
      "g_pu", "b_pu", "x_pu_eff", "r_pu_eff", "capital_cost_piecewise_opt", "n_mod", "reversed", "under_construction",
      "underground", "geometry", "tags", "dc", "symbol", "substation_lv", "substation_off", "frequency"};
  return names;
}

bool differs(const Table& t, std::size_t row, int j, const std::string& default_value) {
  const std::string& v = t.cell(row, j);
  if (is_nan_text(v)) return false;
  if (default_value.empty()) return true;
  if (default_value == "False") return !(v == "False" || v == "false" || v == "0" || v == "0.0");
  const double d = default_value == "inf" ? model::unlimited : default_value == "-inf" ? -model::unlimited : std::stod(default_value);
  const double x = v == "inf" ? model::unlimited : v == "-inf" ? -model::unlimited : parse_number_cell(t.csv, row, static_cast<std::size_t>(j));
  return x != d;
}

// PyPSA 0.26.3's input attributes of each component (its component_attrs), beyond the ones
// every table shares (name, carrier, active, costs): the attributes PyPSA itself would use. A
// column that is none of these and that silkgrid does not read is metadata (SciGRID's osm_name,
// wkt_srid_4326, operator, ...), which PyPSA keeps silently, and so does silkgrid.
bool is_pypsa_attribute(const std::string& kind, const std::string& attribute) {
  static const std::set<std::string> one_port = {
      "bus", "type", "control", "p_set", "q_set", "sign", "p_nom", "p_nom_mod", "p_nom_extendable", "p_nom_min",
      "p_nom_max", "p_nom_set", "p_min_pu", "p_max_pu", "marginal_cost_quadratic", "build_year", "lifetime"};
  static const std::map<std::string, std::set<std::string>> own = {
      {"buses", {"v_nom", "type", "x", "y", "carrier", "unit", "v_mag_pu_set", "v_mag_pu_min", "v_mag_pu_max", "control",
                 "generator", "sub_network", "location"}},
      {"carriers", {"co2_emissions", "color", "nice_name", "max_growth", "max_relative_growth"}},
      {"generators", {"efficiency", "committable", "start_up_cost", "shut_down_cost", "stand_by_cost", "min_up_time",
                      "min_down_time", "up_time_before", "down_time_before", "ramp_limit_up", "ramp_limit_down",
                      "ramp_limit_start_up", "ramp_limit_shut_down", "weight", "e_sum_min", "e_sum_max"}},
      {"loads", {"bus", "type", "p_set", "q_set", "sign"}},
      {"storage_units", {"state_of_charge_initial", "state_of_charge_initial_per_period", "state_of_charge_set",
                         "cyclic_state_of_charge", "cyclic_state_of_charge_per_period", "max_hours", "efficiency_store",
                         "efficiency_dispatch", "standing_loss", "inflow", "spill_cost", "marginal_cost_storage",
                         "p_dispatch_set", "p_store_set"}},
      {"stores", {"bus", "type", "p_set", "q_set", "sign", "e_nom", "e_nom_mod", "e_nom_extendable", "e_nom_min",
                  "e_nom_max", "e_nom_set", "e_min_pu", "e_max_pu", "e_initial", "e_initial_per_period", "e_cyclic",
                  "e_cyclic_per_period", "standing_loss", "marginal_cost_quadratic", "marginal_cost_storage",
                  "build_year", "lifetime"}},
      {"links", {"bus0", "bus1", "type", "efficiency", "build_year", "lifetime", "p_nom", "p_nom_mod",
                 "p_nom_extendable", "p_nom_min", "p_nom_max", "p_nom_set", "p_set", "p_min_pu", "p_max_pu",
                 "marginal_cost_quadratic", "stand_by_cost", "length", "terrain_factor", "committable", "start_up_cost",
                 "shut_down_cost", "min_up_time", "min_down_time", "up_time_before", "down_time_before",
                 "ramp_limit_up", "ramp_limit_down", "ramp_limit_start_up", "ramp_limit_shut_down"}},
      {"lines", {"bus0", "bus1", "type", "x", "r", "g", "b", "s_nom", "s_nom_mod", "s_nom_extendable", "s_nom_min",
                 "s_nom_max", "s_nom_set", "s_max_pu", "length", "terrain_factor", "num_parallel", "build_year",
                 "lifetime", "v_ang_min", "v_ang_max", "sub_network"}},
      {"transformers", {"bus0", "bus1", "type", "model", "x", "r", "g", "b", "s_nom", "s_nom_mod", "s_nom_extendable",
                        "s_nom_min", "s_nom_max", "s_nom_set", "s_max_pu", "num_parallel", "tap_ratio", "tap_side",
                        "tap_position", "phase_shift", "phase_shift_min", "phase_shift_max", "build_year", "lifetime",
                        "v_ang_min", "v_ang_max", "sub_network"}},
  };
  static const std::set<std::string> shared = {"name", "carrier", "active", "capital_cost", "marginal_cost"};
  if (shared.count(attribute)) return true;
  const bool one_port_kind = kind == "generators" || kind == "storage_units";
  if (one_port_kind && one_port.count(attribute)) return true;
  if (kind == "links" && (attribute.rfind("bus", 0) == 0 || attribute.rfind("efficiency", 0) == 0)) return true;
  const auto found = own.find(kind);
  return found != own.end() && found->second.count(attribute) > 0;
}

// One warning per file, listing the PyPSA attributes that components of `t` set away from
// PyPSA's default and that silkgrid does not model. Columns that are no PyPSA attribute are
// metadata, silent (a debug line lists them); under `strict`, one that a component sets is an
// error naming the file and column.
void warn_unmodelled(const Table& t, const std::set<std::string>& read, core::Logger& log, bool strict) {
  std::vector<std::string> ignored, metadata;
  for (std::size_t j = 1; j < t.csv.header.size(); ++j) {
    const std::string& attribute = t.csv.header[j];
    if (read.count(attribute) || descriptive_columns().count(attribute)) continue;
    if (attribute.rfind("mu_", 0) == 0) continue;
    const auto& list = unit_commitment_and_ramps();
    const auto known = std::find_if(list.begin(), list.end(), [&](const Unmodelled& u) { return attribute == u.attribute; });
    std::vector<std::string> setters;
    for (std::size_t i = 0; i < t.rows(); ++i)
      if (differs(t, i, static_cast<int>(j), known == list.end() ? "" : known->default_value)) setters.push_back(t.name(i));
    if (known == list.end() && !is_pypsa_attribute(t.kind, attribute)) {
      if (strict && !setters.empty())
        throw Error(ErrorKind::input, Context{t.csv.file, 1, static_cast<int>(j + 1), attribute},
                    fmt::format("'{}' sets '{}', a column that is no PyPSA attribute silkgrid knows (an error under "
                                "--strict)",
                                setters.front(), attribute));
      metadata.push_back(attribute);
      continue;
    }
    if (setters.empty()) continue;
    const std::string who = setters.size() <= 3 ? fmt::format("'{}'", fmt::join(setters, "', '"))
                                                : fmt::format("'{}' and {} more", setters.front(), setters.size() - 1);
    ignored.push_back(fmt::format("{}, set by {}: {}", attribute, who,
                                  known != list.end() ? known->what : "not modelled by silkgrid (ignored)"));
  }
  if (!ignored.empty())
    log.warn("{}: {} PyPSA attribute{} that silkgrid does not model: {}", t.csv.file, ignored.size(),
             ignored.size() == 1 ? "" : "s", fmt::join(ignored, "; "));
  if (!metadata.empty())
    log.debug("{}: {} column{} that PyPSA does not use, kept out as metadata: {}", t.csv.file, metadata.size(),
              metadata.size() == 1 ? "" : "s", fmt::join(metadata, ", "));
}

class Reader {
 public:
  Reader(const fs::path& folder, core::Logger& log, const PyPsaReadOptions& options)
      : folder_(folder), log_(log), options_(options) {}

  model::Study read() {
    s_.file = (folder_ / "buses.csv").string();
    s_.settings.name = folder_.filename().empty() ? folder_.parent_path().filename().string() : folder_.filename().string();
    s_.settings.discount_rate = 0.0;  // capital costs come annualised (capital_cost)
    s_.settings.voll_eur_per_mwh = model::unlimited;
    s_.settings.from_pypsa = true;  // PyPSA sheds no load unless a generator does
    if (const Table periods = read_table(folder_, "investment_periods"); periods.present && periods.rows() > 0)
      throw Error(ErrorKind::input, Context{periods.csv.file, periods.csv.line[0], 0, "investment_periods"},
                  "multi-period investment is not supported by silkgrid's PyPSA import; export one period");
    read_snapshots();
    read_constraints_module();
    read_carriers();
    read_buses();
    check_series_files();
    read_generators();
    read_loads();
    read_lines();
    read_transformers();
    read_links();
    read_storage_units();
    apply_storage_levels();
    read_stores();
    read_global_constraints();
    apply_policies();
    model::Provenance provenance;
    provenance.attribute = [this](const std::string& table, std::size_t row, const std::string& attribute) {
      return where(table, row, attribute);
    };
    provenance.series = [this](std::size_t column, std::size_t snapshot) -> std::optional<Context> {
      if (column >= series_origin_.size()) return std::nullopt;
      const auto& [series, j] = series_origin_[column];
      if (!series) return Context{module_file_, 0, 0, s_.series.names[column]};  // a level limit of the module
      const CsvTable& csv = series->table.csv;
      return Context{csv.file, csv.line[series->row[snapshot]], j + 1, csv.header[static_cast<std::size_t>(j)]};
    };
    model::validate(s_, log_, provenance);
    return std::move(s_);
  }

 private:
  fs::path folder_;
  core::Logger& log_;
  PyPsaReadOptions options_;
  model::Study s_;
  std::size_t T_ = 0;
  // silkgrid_constraints.py beside the CSV files, where there is one: what the CSV format cannot hold.
  PyPsaConstraints carried_;
  std::string module_file_, module_text_;
  double nyears_ = 1.0;
  std::vector<double> v_nom_;
  std::vector<char> dc_;
  std::vector<char> bus_active_;
  std::unordered_map<std::string, int> bus_index_;  // bus name → region
  // Where each row of the study's tables comes from: its PyPSA table and row there, and the
  // sign of a generator (sign −1 swaps p_min_pu and p_max_pu).
  struct Origin {
    const Table* table;
    std::size_t row;
    double sign;
  };
  std::map<std::string, std::vector<Origin>> origins_;  // by the study's table name

  void came_from(const std::string& table, const Table& t, std::size_t row, double sign = 1.0) {
    origins_[table].push_back(Origin{&t, row, sign});
  }

  // A validation failure at the study's `table`[row].`attribute`, told as the PyPSA file, line,
  // column and attribute it comes from (lines.csv:3:5: s_nom), or nothing where it has none.
  std::optional<Context> where(const std::string& table, std::size_t row, const std::string& attribute) const {
    const auto found = origins_.find(table == "transformers" ? "lines" : table);
    if (found == origins_.end() || row >= found->second.size()) return std::nullopt;
    const Origin& o = found->second[row];
    const std::string name = pypsa_attribute(o.table->kind, attribute, o.sign);
    return Context{o.table->csv.file, o.table->csv.line[o.row], o.table->column(name) + 1, name};
  }

  // The PyPSA attribute that a study attribute of a `kind` component was read from.
  static std::string pypsa_attribute(const std::string& kind, const std::string& attribute, double sign) {
    const std::string nom = kind == "lines" || kind == "transformers" ? "s_nom" : kind == "stores" ? "e_nom" : "p_nom";
    if (attribute == "p_nom_mw") return nom;
    if (attribute == "p_nom_min_mw") return nom + "_min";
    if (attribute == "p_nom_max_mw") return nom + "_max";
    if (sign < 0 && attribute == "p_max_pu") return "p_min_pu";  // a generator of sign −1
    if (sign < 0 && attribute == "p_min_pu") return "p_max_pu";
    static const std::map<std::string, std::string> common = {
        {"region", "bus"}, {"from", "bus0"}, {"to", "bus1"}, {"capital_cost_eur_per_mw_year", "capital_cost"},
        {"lifetime_years", "lifetime"}, {"vom_eur_per_mwh", "marginal_cost"}, {"marginal_cost_eur_per_mwh", "marginal_cost"},
        {"p_mw", "p_set"}, {"length_km", "length"}, {"x_ohm", "x"}, {"r_ohm", "r"}, {"v_nom_kv", "v_nom"},
        {"standing_loss_per_hour", "standing_loss"}, {"inflow_mw", "inflow"}, {"spill_cost_eur_per_mwh", "spill_cost"},
        {"co2_t_per_mwh_fuel", "co2_emissions"}, {"t_per_year", "constant"}};
    if (kind == "stores" && attribute == "initial_mwh") return "e_initial";
    if (kind == "storage_units" && attribute == "initial_mwh") return "state_of_charge_initial";
    const auto found = common.find(attribute);
    return found == common.end() ? attribute : found->second;
  }

  // Component tables with series (generators.csv, ...), read once each.
  std::map<std::string, Table> components_;
  // Time-series tables, read once each, with their columns by component name and, for each
  // snapshot, the row that holds it.
  struct Series {
    Table table;
    std::unordered_map<std::string, int> columns;
    std::vector<std::size_t> row;
  };
  std::map<std::string, Series> series_cache_;
  std::vector<std::pair<const Series*, int>> series_origin_;  // each study series column: its table and column
  // Snapshot labels: the `snapshot` column of snapshots.csv (else its first column), and its
  // first column where that is another one (PyPSA's exports number the snapshots there and may
  // index the series by that number), each to its snapshot.
  std::string snapshots_file_ = "snapshots.csv";
  std::vector<int> snapshot_line_;
  std::unordered_map<std::string, std::size_t> by_label_, by_number_;
  std::unordered_map<long long, std::size_t> by_time_;  // seconds since 1970, where the labels are timestamps

  const Table& component(const std::string& kind) {
    auto found = components_.find(kind);
    if (found == components_.end()) found = components_.emplace(kind, read_table(folder_, kind)).first;
    return found->second;
  }

  static std::optional<long long> seconds_of(const std::string& label) {
    const auto hours = core::iso_timestamp_hours(label);
    if (!hours) return std::nullopt;
    return std::llround(*hours * 3600.0);
  }

  // The snapshot a series row stands for: its label as in snapshots.csv, or the same time
  // written another way ("2015-01-01 00:00:00" for "2015-01-01T00:00"), or (`numbered`) the
  // number in snapshots.csv's first column.
  std::optional<std::size_t> snapshot_of(const std::string& label, bool numbered) const {
    const auto& keys = numbered ? by_number_ : by_label_;
    if (const auto found = keys.find(label); found != keys.end()) return found->second;
    if (!numbered && !by_time_.empty())
      if (const auto at = seconds_of(label))
        if (const auto found = by_time_.find(*at); found != by_time_.end()) return found->second;
    return std::nullopt;
  }

  // A series table (e.g. generators-p_max_pu.csv) whose columns name components of
  // `components`; every snapshot has exactly one row, matched by its label, not its position.
  const Series& series_table(const std::string& name, const Table& components) {
    auto found = series_cache_.find(name);
    if (found != series_cache_.end()) return found->second;
    Series s;
    s.table = read_table(folder_, name);
    const CsvTable& csv = s.table.csv;
    if (s.table.present && csv.header.size() > 1) {
      std::unordered_set<std::string> known;
      for (std::size_t i = 0; i < components.rows(); ++i) known.insert(components.name(i));
      for (std::size_t j = 1; j < csv.header.size(); ++j) {
        if (!known.count(csv.header[j]))
          throw Error(ErrorKind::input, Context{csv.file, 1, static_cast<int>(j + 1), csv.header[j]},
                      fmt::format("the column '{}' names no component of {}.csv", csv.header[j], components.kind));
        s.columns.emplace(csv.header[j], static_cast<int>(j));
      }
      map_snapshots(s);
    }
    return series_cache_.emplace(name, std::move(s)).first->second;
  }

  void map_snapshots(Series& s) const {
    const CsvTable& csv = s.table.csv;
    const std::size_t none = csv.rows.size();
    s.row.assign(T_, none);
    // By label, unless the first row's label is only a snapshot number.
    const bool numbered = !csv.rows.empty() && !snapshot_of(csv.rows[0][0], false) && !by_number_.empty() &&
                          snapshot_of(csv.rows[0][0], true);
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
      const std::string& label = csv.rows[r][0];
      const auto t = snapshot_of(label, numbered);
      const Context at{csv.file, csv.line[r], 1, csv.header[0]};
      if (!t)
        throw Error(ErrorKind::input, at,
                    fmt::format("'{}' is not a snapshot of {} (expected one of its labels, such as '{}')", label,
                                snapshots_file_, s_.time.timestamps[0]));
      if (s.row[*t] != none)
        throw Error(ErrorKind::input, at,
                    fmt::format("snapshot '{}' has a second row here (the first is on line {})", label,
                                csv.line[s.row[*t]]));
      s.row[*t] = r;
    }
    for (std::size_t t = 0; t < T_; ++t)
      if (s.row[t] == none)
        throw Error(ErrorKind::input, Context{csv.file, 0, 1, csv.header[0]},
                    fmt::format("has no row for snapshot '{}' ({} line {}): expected one row per snapshot",
                                s_.time.timestamps[t], snapshots_file_, snapshot_line_[t]));
  }

  void read_snapshots() {
    const Table snapshots = read_table(folder_, "snapshots");
    if (snapshots.present) {
      if (snapshots.column("period") >= 0)
        throw Error(ErrorKind::input, Context{snapshots.csv.file, 1, snapshots.column("period") + 1, "period"},
                    "multi-period snapshots are not supported by silkgrid's PyPSA import; export one period");
      snapshots_file_ = snapshots.csv.file;
      std::vector<double> stores, generators;
      bool separate = false;
      for (std::size_t i = 0; i < snapshots.rows(); ++i) {
        s_.time.timestamps.push_back(snapshots.text(i, "snapshot", snapshots.name(i)));
        snapshot_line_.push_back(snapshots.csv.line[i]);
        const double objective = snapshots.number(i, "objective", snapshots.number(i, "weightings", 1.0));
        s_.time.weights.push_back(objective);
        stores.push_back(snapshots.number(i, "stores", objective));
        generators.push_back(snapshots.number(i, "generators", objective));
        separate = separate || stores.back() != objective || generators.back() != objective;
      }
      if (separate) {
        s_.time.store_weights = std::move(stores);
        s_.time.generator_weights = std::move(generators);
      }
      check_snapshot_labels(snapshots);
    } else {
      s_.time.timestamps.push_back("now");
      s_.time.weights.push_back(1.0);
      snapshot_line_.push_back(0);
      by_label_.emplace("now", 0);
    }
    T_ = s_.time.size();
    nyears_ = s_.time.total_hours() / core::hours_per_year;
  }

  // Labels are unique; timestamps are in order. A step between timestamps other than the
  // snapshot's weighting is a gap (representative snapshots have them): a warning.
  void check_snapshot_labels(const Table& snapshots) {
    const auto& labels = s_.time.timestamps;
    const int j = snapshots.column("snapshot");
    const int label_column = j >= 0 ? j + 1 : 1;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const auto [at, fresh] = by_label_.emplace(labels[i], i);
      if (!fresh)
        throw Error(ErrorKind::input, Context{snapshots.csv.file, snapshots.csv.line[i], label_column, "snapshot"},
                    fmt::format("snapshot '{}' appears twice (first on line {})", labels[i], snapshot_line_[at->second]));
    }
    if (j > 0) {  // the first column numbers the snapshots: usable where unique
      for (std::size_t i = 0; i < labels.size(); ++i)
        if (!by_number_.emplace(snapshots.name(i), i).second) {
          by_number_.clear();
          break;
        }
    }
    std::vector<double> hours;
    for (const std::string& label : labels) {
      const auto h = core::iso_timestamp_hours(label);
      if (!h) return;  // not timestamps ("0", "1", "now"): only unique
      hours.push_back(*h);
    }
    std::size_t gaps = 0, first_gap = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      by_time_.emplace(std::llround(hours[i] * 3600.0), i);
      if (i == 0) continue;
      const double step = hours[i] - hours[i - 1];
      if (!(step > 0))
        throw Error(ErrorKind::input, Context{snapshots.csv.file, snapshots.csv.line[i], label_column, "snapshot"},
                    fmt::format("snapshot '{}' is {} '{}' on line {}: expected the snapshots in time order", labels[i],
                                step == 0 ? "the same time as" : "earlier than", labels[i - 1], snapshot_line_[i - 1]));
      if (std::abs(step - s_.time.weights[i - 1]) > 1e-6 * std::max(1.0, step)) {
        if (gaps++ == 0) first_gap = i;
      }
    }
    if (gaps > 0)
      log_.warn("{}:{}: snapshot '{}' follows '{}' after {} h, but '{}' has an objective weighting of {} h{}; "
                "silkgrid uses the weightings as given (as PyPSA does for representative snapshots)",
                snapshots.csv.file, snapshot_line_[first_gap], labels[first_gap], labels[first_gap - 1],
                hours[first_gap] - hours[first_gap - 1], labels[first_gap - 1], s_.time.weights[first_gap - 1],
                gaps > 1 ? fmt::format(" ({} such steps in all)", gaps) : std::string());
  }

  void read_carriers() {
    const Table& carriers = component("carriers");
    for (std::size_t i = 0; i < carriers.rows(); ++i) {
      came_from("carriers", carriers, i);
      s_.carriers.name.push_back(carriers.name(i));
      const double co2 = carriers.number(i, "co2_emissions", 0.0);
      s_.carriers.co2_t_per_mwh_fuel.push_back(co2);
      s_.carriers.renewable.push_back(co2 == 0.0 ? 1 : 0);
    }
    // Other carrier columns (colours, names, or a table's own cost columns) mean nothing to
    // PyPSA's optimisation either: no warnings.
  }

  int carrier(const std::string& name) {
    int c = s_.find_carrier(name);
    if (c < 0) {
      s_.carriers.name.push_back(name);
      s_.carriers.co2_t_per_mwh_fuel.push_back(0.0);
      s_.carriers.renewable.push_back(0);
      c = static_cast<int>(s_.carriers.size() - 1);
    }
    return c;
  }

  void read_buses() {
    const Table& buses = component("buses");
    for (std::size_t i = 0; i < buses.rows(); ++i) {
      came_from("regions", buses, i);
      s_.regions.name.push_back(buses.name(i));
      s_.regions.country.push_back(buses.text(i, "country", ""));
      s_.regions.lat.push_back(buses.number(i, "y", model::not_given));
      s_.regions.lon.push_back(buses.number(i, "x", model::not_given));
      v_nom_.push_back(buses.number(i, "v_nom", 1.0));
      dc_.push_back(buses.text(i, "carrier", "AC") == "DC" ? 1 : 0);
      bus_active_.push_back(buses.flag(i, "active", true) ? 1 : 0);
      if (!bus_index_.emplace(buses.name(i), static_cast<int>(i)).second)
        throw Error(ErrorKind::input, buses.at(i, "name"), fmt::format("bus '{}' appears twice", buses.name(i)));
    }
    warn_unmodelled(buses, {"v_nom", "carrier", "active"}, log_, options_.strict);
  }

  // Every time-series file is an attribute silkgrid reads as a series, one of PyPSA's outputs
  // (a solved network's export), or an error: a series silently replaced by its static value
  // would be a wrong answer.
  void check_series_files() {
    static const std::map<std::string, std::set<std::string>> readable = {
        {"generators", {"p_max_pu", "p_min_pu", "marginal_cost"}},
        {"loads", {"p_set"}},
        {"storage_units", {"p_max_pu", "p_min_pu", "inflow", "state_of_charge_set"}},
        {"stores", {"e_min_pu", "e_max_pu", "e_set"}},
        {"links", {"p_min_pu", "p_max_pu"}}, {"lines", {}}, {"transformers", {}}, {"buses", {}}, {"carriers", {}},
        {"global_constraints", {}}, {"shunt_impedances", {}}};
    static const std::set<std::string> outputs = {
        "p", "p0", "p1", "p2", "p3", "p4", "q", "q0", "q1", "state_of_charge", "e", "spill", "p_dispatch", "p_store",
        "marginal_price", "v_ang", "v_mag_pu", "status", "start_up", "shut_down", "phase_shift_opt", "n_mod"};
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
      const std::string file = entry.path().filename().string();
      const auto dash = file.find('-');
      if (dash == std::string::npos || entry.path().extension() != ".csv") continue;
      const std::string component_kind = file.substr(0, dash);
      const std::string attribute = entry.path().stem().string().substr(dash + 1);
      if (outputs.count(attribute) || attribute.rfind("mu_", 0) == 0) continue;
      const auto known = readable.find(component_kind);
      if (known == readable.end()) continue;  // another component kind: not read at all
      if (known->second.count(attribute)) {  // read later; its columns and rows are checked now
        series_table(entry.path().stem().string(), component(component_kind));
        continue;
      }
      const Table t = read_table(folder_, entry.path().stem().string());
      if (t.csv.header.size() <= 1) continue;  // no component has a series of it
      throw Error(ErrorKind::input, Context{entry.path().string(), 1, 0, attribute},
                  fmt::format("a time-varying '{}' of {} is not supported by silkgrid's PyPSA import; give a static "
                              "value in {}.csv",
                              attribute, component_kind, component_kind));
    }
  }

  int bus(const Table& t, std::size_t row, const char* column) {
    const std::string name = t.text(row, column);
    const auto found = bus_index_.find(name);
    const int r = found == bus_index_.end() ? -1 : found->second;
    if (r < 0)
      throw Error(ErrorKind::input, t.at(row, column),
                  fmt::format("unknown bus '{}'{}", name, name.empty() ? " (the bus is required)" : ""));
    return r;
  }

  // Whether a component takes part: active, and every bus it names active.
  bool active(const Table& t, std::size_t row, std::initializer_list<const char*> buses) {
    if (!t.flag(row, "active", true)) return false;
    for (const char* column : buses)
      if (!bus_active_[static_cast<std::size_t>(bus(t, row, column))]) return false;
    return true;
  }

  // A static attribute, or its column in the table's time series (e.g. generators-p_max_pu.csv),
  // which becomes a column of the study's time series, times `scale`.
  model::Profile profile(const Table& components, std::size_t row, const std::string& attribute, double fallback,
                         double scale = 1.0) {
    const std::string table = components.kind + "-" + attribute;
    const Series& cached = series_table(table, components);
    const Table& t = cached.table;
    const auto at = cached.columns.find(components.name(row));
    const int j = t.present && at != cached.columns.end() ? at->second : -1;
    if (j < 0) return model::Profile::fixed(scale * components.number(row, attribute, fallback));
    std::vector<double> values(T_);
    for (std::size_t r = 0; r < T_; ++r) {
      const std::size_t k = cached.row[r];
      values[r] = is_nan_text(t.cell(k, j)) ? model::not_given : parse_number_cell(t.csv, k, static_cast<std::size_t>(j));
    }
    s_.series.names.push_back(table + ":" + components.name(row));
    series_origin_.emplace_back(&cached, j);
    s_.series.values.push_back(std::move(values));
    if (s_.series.file.empty()) s_.series.file = t.csv.file;
    return model::Profile{0.0, static_cast<int>(s_.series.names.size() - 1), scale};
  }

  // PyPSA's periodised fixed cost: overnight_cost annualised over lifetime at discount_rate
  // (times the modelled years) when given, else capital_cost; plus fom_cost.
  double periodic_cost(const Table& t, std::size_t row) const {
    const double overnight = t.number(row, "overnight_cost", model::not_given);
    double base = t.number(row, "capital_cost", 0.0);
    if (model::is_given(overnight)) {
      const double rate = t.number(row, "discount_rate", model::not_given);
      if (!model::is_given(rate))
        throw Error(ErrorKind::input, t.at(row, "discount_rate"),
                    fmt::format("'{}' gives overnight_cost; expected a discount_rate with it", t.name(row)));
      base = overnight * finance::annuity_factor(rate, t.number(row, "lifetime", model::unlimited)) * nyears_;
    }
    return base + t.number(row, "fom_cost", 0.0);
  }

  // Capacity terms: `nom` is p_nom, s_nom or e_nom.
  void investment(const Table& t, std::size_t row, const std::string& nom, model::Investment& invest) {
    const bool ext = t.flag(row, nom + "_extendable");
    double low = t.number(row, nom + "_min", 0.0), high = t.number(row, nom + "_max", model::unlimited);
    const double set = t.number(row, nom + "_set", model::not_given);
    if (ext && model::is_given(set)) low = high = set;
    const double existing = t.number(row, nom, 0.0);
    invest.push(ext ? 0.0 : existing, ext, low, high, 0.0, model::not_given, model::not_given, periodic_cost(t, row));
    // PyPSA's objective counts an extendable asset's capital cost on its whole optimal capacity;
    // p_nom of an extendable asset is only a starting value.
  }

  void require_sign(const Table& t, std::size_t row, double expected) {
    if (t.number(row, "sign", expected) != expected)
      throw Error(ErrorKind::input, t.at(row, "sign"),
                  fmt::format("'{}' has sign {}; silkgrid's PyPSA import supports only sign {}", t.name(row),
                              t.number(row, "sign", expected), expected));
  }

  static const std::set<std::string>& cost_columns() {
    static const std::set<std::string> names = {"capital_cost", "overnight_cost", "discount_rate", "fom_cost",
                                                 "marginal_cost", "carrier", "active", "type"};
    return names;
  }
  static std::set<std::string> with_costs(std::set<std::string> read) {
    read.insert(cost_columns().begin(), cost_columns().end());
    return read;
  }

  void read_generators() {
    const Table& gens = component("generators");
    for (std::size_t i = 0; i < gens.rows(); ++i) {
      if (!active(gens, i, {"bus"})) continue;
      // sign −1 (a generator that consumes): silkgrid's variable is the injection −p, whose
      // limits are −p_max_pu, −p_min_pu and whose cost is −marginal_cost.
      const double sign = gens.number(i, "sign", 1.0);
      if (sign != 1.0 && sign != -1.0)
        throw Error(ErrorKind::input, gens.at(i, "sign"), fmt::format("expected a sign of 1 or -1, got {}", sign));
      auto& g = s_.generators;
      came_from("generators", gens, i, sign);
      g.name.push_back(gens.name(i));
      g.region.push_back(bus(gens, i, "bus"));
      g.carrier.push_back(carrier(gens.text(i, "carrier", "(none)")));
      if (sign < 0 && s_.carriers.co2_t_per_mwh_fuel[static_cast<std::size_t>(g.carrier.back())] != 0)
        throw Error(ErrorKind::input, gens.at(i, "sign"),
                    fmt::format("generator '{}' has sign -1 and an emitting carrier; silkgrid's PyPSA import does not "
                                "support that combination",
                                gens.name(i)));
      investment(gens, i, "p_nom", g.invest);
      g.capex_eur_per_kw.push_back(0.0);
      g.efficiency.push_back(gens.number(i, "efficiency", 1.0));
      g.fuel_eur_per_mwh_fuel.push_back(0.0);
      g.vom_eur_per_mwh.push_back(sign * gens.number(i, "marginal_cost", 0.0));
      g.p_max_pu.push_back(profile(gens, i, sign > 0 ? "p_max_pu" : "p_min_pu", sign > 0 ? 1.0 : 0.0, sign));
      g.p_min_pu.push_back(profile(gens, i, sign > 0 ? "p_min_pu" : "p_max_pu", sign > 0 ? 0.0 : 1.0, sign));
      g.marginal_cost_series.push_back(profile(gens, i, "marginal_cost", model::not_given, sign));
      if (!g.marginal_cost_series.back().is_constant()) g.vom_eur_per_mwh.back() = 0.0;
    }
    warn_unmodelled(gens, with_costs({"bus", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "p_nom_set",
                                      "p_min_pu", "p_max_pu", "efficiency", "sign"}),
                    log_, options_.strict);
  }

  void read_loads() {
    const Table& loads = component("loads");
    for (std::size_t i = 0; i < loads.rows(); ++i) {
      if (!active(loads, i, {"bus"})) continue;
      require_sign(loads, i, -1.0);
      came_from("loads", loads, i);
      s_.loads.name.push_back(loads.name(i));
      s_.loads.region.push_back(bus(loads, i, "bus"));
      s_.loads.p_mw.push_back(profile(loads, i, "p_set", 0.0));
    }
    warn_unmodelled(loads, {"bus", "p_set", "sign", "carrier", "active", "type"}, log_, options_.strict);
  }

  void push_branch(const Table& t, std::size_t i, int from, int to) {
    auto& l = s_.lines;
    came_from("lines", t, i);
    l.name.push_back(t.name(i));
    l.from.push_back(from);
    l.to.push_back(to);
    investment(t, i, "s_nom", l.invest);
    l.s_max_pu.push_back(t.number(i, "s_max_pu", 1.0));
    l.availability.push_back(model::Profile::fixed(1.0));
    l.length_km.push_back(t.number(i, "length", 0.0));
    l.capex_eur_per_mw_km.push_back(0.0);
  }

  void read_lines() {
    const Table& lines = component("lines");
    Table types;
    for (std::size_t i = 0; i < lines.rows(); ++i) {
      if (!active(lines, i, {"bus0", "bus1"})) continue;
      const int from = bus(lines, i, "bus0"), to = bus(lines, i, "bus1");
      if (dc_[static_cast<std::size_t>(from)] != dc_[static_cast<std::size_t>(to)])
        throw Error(ErrorKind::input, lines.at(i, "bus1"),
                    fmt::format("line '{}' joins an AC and a DC bus; use a link for a converter", lines.name(i)));
      push_branch(lines, i, from, to);
      auto& l = s_.lines;
      const bool is_dc = dc_[static_cast<std::size_t>(from)] != 0;
      l.kind.push_back(is_dc ? model::LineKind::dc : model::LineKind::ac);
      double x = lines.number(i, "x", 0.0), r = lines.number(i, "r", 0.0);
      if (const std::string type = lines.text(i, "type"); !type.empty()) {
        if (!types.present) types = standard_types(folder_, "line_types");
        const int k = find_row(types, type);
        if (k < 0)
          throw Error(ErrorKind::input, lines.at(i, "type"),
                      fmt::format("the line type '{}' is not one of PyPSA's standard line types ({})", type, types.csv.file));
        const double parallel = lines.number(i, "num_parallel", 1.0);
        const double length = lines.number(i, "length", 0.0);
        if (!(parallel > 0))
          throw Error(ErrorKind::input, lines.at(i, "num_parallel"), fmt::format("expected a number > 0, got {}", parallel));
        x = types.number(static_cast<std::size_t>(k), "x_per_length", 0.0) * length / parallel;
        r = types.number(static_cast<std::size_t>(k), "r_per_length", 0.0) * length / parallel;
      }
      const double v = v_nom_[static_cast<std::size_t>(from)];
      l.x_ohm.push_back(x);
      l.r_ohm.push_back(r);
      l.v_nom_kv.push_back(v);
      l.x_pu.push_back(x / (v * v));
      l.r_pu.push_back(r / (v * v));
      l.phase_shift_deg.push_back(0.0);
      l.transformer.push_back(0);
      if (!(l.impedance_pu(l.size() - 1) > 0))
        throw Error(ErrorKind::input, lines.at(i, is_dc ? "r" : "x"),
                    fmt::format("line '{}' needs {} > 0 for the linearised power flow{}", lines.name(i), is_dc ? "r" : "x",
                                lines.text(i, "type").empty() ? "" : " (from its type and length)"));
    }
    warn_unmodelled(lines, with_costs({"bus0", "bus1", "x", "r", "s_nom", "s_nom_extendable", "s_nom_min", "s_nom_max",
                                       "s_nom_set", "s_max_pu", "length", "num_parallel", "v_nom"}),
                    log_, options_.strict);
  }

  void read_transformers() {
    const Table& trafos = component("transformers");
    Table types;
    for (std::size_t i = 0; i < trafos.rows(); ++i) {
      if (!active(trafos, i, {"bus0", "bus1"})) continue;
      const int from = bus(trafos, i, "bus0"), to = bus(trafos, i, "bus1");
      push_branch(trafos, i, from, to);
      auto& l = s_.lines;
      double x = trafos.number(i, "x", 0.0), r = trafos.number(i, "r", 0.0);
      double s_nom = trafos.number(i, "s_nom", 0.0);
      double tap_ratio = trafos.number(i, "tap_ratio", 1.0);
      double phase_shift = trafos.number(i, "phase_shift", 0.0);
      if (const std::string type = trafos.text(i, "type"); !type.empty()) {
        // PyPSA's apply_transformer_types: impedance from the short-circuit voltages, s_nom,
        // phase shift and tap ratio from the type and the tap position.
        if (!types.present) types = standard_types(folder_, "transformer_types");
        const int k0 = find_row(types, type);
        if (k0 < 0)
          throw Error(ErrorKind::input, trafos.at(i, "type"),
                      fmt::format("the transformer type '{}' is not one of PyPSA's standard transformer types ({})", type,
                                  types.csv.file));
        const auto k = static_cast<std::size_t>(k0);
        const double parallel = trafos.number(i, "num_parallel", 1.0);
        if (!(parallel > 0))
          throw Error(ErrorKind::input, trafos.at(i, "num_parallel"), fmt::format("expected a number > 0, got {}", parallel));
        const double vsc = types.number(k, "vsc", 0.0) / 100.0, vscr = types.number(k, "vscr", 0.0) / 100.0;
        r = vscr / parallel;
        x = std::sqrt(std::max(0.0, vsc * vsc - vscr * vscr)) / parallel;
        s_nom = types.number(k, "s_nom", 0.0);
        phase_shift = types.number(k, "phase_shift", 0.0);
        tap_ratio = 1.0 + (trafos.number(i, "tap_position", 0.0) - types.number(k, "tap_neutral", 0.0)) *
                              (types.number(k, "tap_step", 0.0) / 100.0);
        if (!l.invest.extendable.back()) l.invest.p_nom_mw.back() = s_nom;
      }
      if (!(s_nom > 0))
        throw Error(ErrorKind::input, trafos.at(i, "s_nom"),
                    fmt::format("transformer '{}' needs s_nom > 0: its x and r are per unit of s_nom", trafos.name(i)));
      l.kind.push_back(model::LineKind::ac);
      l.x_ohm.push_back(model::not_given);
      l.r_ohm.push_back(model::not_given);
      l.v_nom_kv.push_back(model::not_given);
      l.x_pu.push_back(x / s_nom * tap_ratio);  // PyPSA's x_pu_eff
      l.r_pu.push_back(r / s_nom * tap_ratio);
      l.phase_shift_deg.push_back(phase_shift);
      l.transformer.push_back(1);
      if (!(l.x_pu.back() > 0))
        throw Error(ErrorKind::input, trafos.at(i, "x"),
                    fmt::format("transformer '{}' needs x > 0 for the linearised power flow", trafos.name(i)));
    }
    warn_unmodelled(trafos, with_costs({"bus0", "bus1", "x", "r", "s_nom", "s_nom_extendable", "s_nom_min", "s_nom_max",
                                        "s_nom_set", "s_max_pu", "length", "num_parallel", "tap_ratio", "tap_position",
                                        "phase_shift"}),
                    log_, options_.strict);
  }

  void read_links() {
    const Table& links = component("links");
    for (std::size_t i = 0; i < links.rows(); ++i) {
      for (const std::string& column : links.csv.header)
        if (column.size() > 3 && column.rfind("bus", 0) == 0 && column != "bus0" && column != "bus1" &&
            !links.text(i, column).empty())
          throw Error(ErrorKind::input, links.at(i, column),
                      fmt::format("link '{}' has a third port ({}); multi-port links are not supported by silkgrid's "
                                  "PyPSA import",
                                  links.name(i), column));
      if (!active(links, i, {"bus0", "bus1"})) continue;
      if (std::any_of(carried_.ties.begin(), carried_.ties.end(), [&](const auto& tie) { return tie.reverse == links.name(i); }))
        continue;  // the reverse direction of a two-way link (merge_ties)
      auto& k = s_.links;
      came_from("links", links, i);
      k.name.push_back(links.name(i));
      k.from.push_back(bus(links, i, "bus0"));
      k.to.push_back(bus(links, i, "bus1"));
      investment(links, i, "p_nom", k.invest);
      k.kind.push_back(model::LinkKind::custom);
      k.length_km.push_back(links.number(i, "length", 0.0));
      k.capex_eur_per_mw_km.push_back(0.0);
      k.capex_eur_per_kw.push_back(0.0);
      k.efficiency.push_back(links.number(i, "efficiency", 1.0));
      k.bidirectional.push_back(0);
      k.marginal_cost_eur_per_mwh.push_back(links.number(i, "marginal_cost", 0.0));
      k.p_min_pu.push_back(profile(links, i, "p_min_pu", 0.0));
      k.p_max_pu.push_back(profile(links, i, "p_max_pu", 1.0));
    }
    merge_ties(links);
    std::set<std::string> read = with_costs({"bus0", "bus1", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max",
                                             "p_nom_set", "p_min_pu", "p_max_pu", "efficiency", "length"});
    for (const std::string& column : links.csv.header)
      if (column.rfind("bus", 0) == 0 || column.rfind("efficiency", 0) == 0) read.insert(column);
    warn_unmodelled(links, read, log_, options_.strict);
  }

  void read_storage_units() {
    const Table& units = component("storage_units");
    for (std::size_t i = 0; i < units.rows(); ++i) {
      if (!active(units, i, {"bus"})) continue;
      require_sign(units, i, 1.0);
      auto& st = s_.storage;
      came_from("storage", units, i);
      st.name.push_back(units.name(i));
      st.region.push_back(bus(units, i, "bus"));
      const std::string c = units.text(i, "carrier");
      st.carrier.push_back(c.empty() ? -1 : carrier(c));
      investment(units, i, "p_nom", st.invest);
      st.max_hours.push_back(units.number(i, "max_hours", 1.0));
      st.efficiency_store.push_back(units.number(i, "efficiency_store", 1.0));
      st.efficiency_dispatch.push_back(units.number(i, "efficiency_dispatch", 1.0));
      st.standing_loss_per_hour.push_back(units.number(i, "standing_loss", 0.0));
      st.capex_eur_per_kw.push_back(0.0);
      st.capex_eur_per_kwh.push_back(0.0);
      st.marginal_cost_eur_per_mwh.push_back(units.number(i, "marginal_cost", 0.0));
      st.push_defaults();
      st.marginal_cost_storage_eur_per_mwh_h.back() = units.number(i, "marginal_cost_storage", 0.0);
      st.cyclic.back() = units.flag(i, "cyclic_state_of_charge", false) ? 1 : 0;
      st.initial_mwh.back() = units.number(i, "state_of_charge_initial", 0.0);
      st.inflow_mw.back() = profile(units, i, "inflow", 0.0);
      st.spill_cost_eur_per_mwh.back() = units.number(i, "spill_cost", 0.0);
      st.dispatch_max_pu.back() = profile(units, i, "p_max_pu", 1.0);
      st.charge_max_pu.back() = profile(units, i, "p_min_pu", -1.0, -1.0);
      st.level_set_mwh.back() = profile(units, i, "state_of_charge_set", model::not_given);
    }
    warn_unmodelled(units, with_costs({"bus", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "p_nom_set",
                                       "p_min_pu", "p_max_pu", "max_hours", "efficiency_store", "efficiency_dispatch",
                                       "standing_loss", "marginal_cost_storage", "cyclic_state_of_charge",
                                       "state_of_charge_initial", "inflow", "spill_cost", "state_of_charge_set", "sign"}),
                    log_, options_.strict);
  }

  void read_stores() {
    const Table& stores = component("stores");
    for (std::size_t i = 0; i < stores.rows(); ++i) {
      if (!active(stores, i, {"bus"})) continue;
      require_sign(stores, i, 1.0);
      auto& st = s_.storage;
      came_from("storage", stores, i);
      st.name.push_back(stores.name(i));
      st.region.push_back(bus(stores, i, "bus"));
      const std::string c = stores.text(i, "carrier");
      st.carrier.push_back(c.empty() ? -1 : carrier(c));
      investment(stores, i, "e_nom", st.invest);
      st.max_hours.push_back(1.0);
      st.efficiency_store.push_back(1.0);
      st.efficiency_dispatch.push_back(1.0);
      st.standing_loss_per_hour.push_back(stores.number(i, "standing_loss", 0.0));
      st.capex_eur_per_kw.push_back(0.0);
      st.capex_eur_per_kwh.push_back(0.0);
      st.marginal_cost_eur_per_mwh.push_back(stores.number(i, "marginal_cost", 0.0));
      st.push_defaults();
      st.energy_only.back() = 1;
      st.marginal_cost_storage_eur_per_mwh_h.back() = stores.number(i, "marginal_cost_storage", 0.0);
      st.cyclic.back() = stores.flag(i, "e_cyclic", false) ? 1 : 0;
      st.initial_mwh.back() = stores.number(i, "e_initial", 0.0);
      st.level_min_pu.back() = profile(stores, i, "e_min_pu", 0.0);
      st.level_max_pu.back() = profile(stores, i, "e_max_pu", 1.0);
      st.level_set_mwh.back() = profile(stores, i, "e_set", model::not_given);
    }
    warn_unmodelled(stores, with_costs({"bus", "e_nom", "e_nom_extendable", "e_nom_min", "e_nom_max", "e_nom_set",
                                        "e_min_pu", "e_max_pu", "standing_loss", "marginal_cost_storage", "e_cyclic",
                                        "e_initial", "e_set", "sign"}),
                    log_, options_.strict);
  }

  // silkgrid_constraints.py (io/pypsa_constraints.hpp): its CONSTRAINTS table, not its code.
  void read_constraints_module() {
    const fs::path path = folder_ / constraints_module_file;
    std::error_code ec;
    if (!fs::exists(path, ec)) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::io, Context{path.string(), 0, 0, ""}, "cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    module_file_ = path.string();
    module_text_ = text.str();
    carried_ = parse_constraints_module(module_text_, module_file_);
    if (!carried_.empty())
      log_.info("{}: {} constraint{} that the CSV files cannot hold ({} capacity ties, {} CO2 caps, {} renewable "
                "shares, {} capacity limits, {} storage level limits)",
                module_file_, carried_.size(), carried_.size() == 1 ? "" : "s", carried_.ties.size(),
                carried_.co2_caps.size(), carried_.renewable_shares.size(), carried_.capacity_limits.size(),
                carried_.storage_levels.size());
  }

  // An error in the module's table, at the line that names `name`.
  [[noreturn]] void module_error(const std::string& key, const std::string& name, const std::string& message) const {
    const std::string quoted = "\"" + name + "\"";
    const auto at = module_text_.find(quoted, module_text_.find("CONSTRAINTS = {"));
    const int line = at == std::string::npos ? 0 : static_cast<int>(std::count(module_text_.begin(), module_text_.begin() + static_cast<long>(at), '\n')) + 1;
    throw Error(ErrorKind::input, Context{module_file_, line, 0, key}, message);
  }

  std::vector<int> module_buses(const std::vector<std::string>& names, const std::string& key, const std::string& name) {
    std::vector<int> regions;
    for (const std::string& b : names) {
      const auto found = bus_index_.find(b);
      if (found == bus_index_.end()) module_error(key, name, fmt::format("'{}' names the bus '{}', which buses.csv does not hold", name, b));
      regions.push_back(found->second);
    }
    return regions;
  }

  int module_carrier(const std::string& carrier_name, const std::string& key, const std::string& name) const {
    const int c = s_.find_carrier(carrier_name);
    if (c < 0) module_error(key, name, fmt::format("'{}' names the carrier '{}', which no table of the network holds", name, carrier_name));
    return c;
  }

  // The ties: a forward link and its reverse, one two-way link of silkgrid's (the reverse's row
  // is not read as a link of its own). What one two-way link cannot be is an error.
  void merge_ties(const Table& links) {
    for (const auto& tie : carried_.ties) {
      const auto at = std::find(s_.links.name.begin(), s_.links.name.end(), tie.forward);
      const int reverse = find_row(links, tie.reverse);
      if (at == s_.links.name.end() || reverse < 0)
        module_error("capacity_ties", tie.name,
                     fmt::format("capacity tie '{}' names the links '{}' and '{}'; links.csv has no active {}", tie.name,
                                 tie.forward, tie.reverse, at == s_.links.name.end() ? tie.forward : tie.reverse));
      const auto k = static_cast<std::size_t>(at - s_.links.name.begin());
      const auto r = static_cast<std::size_t>(reverse);
      auto& l = s_.links;
      const auto mismatch = [&](const std::string& what) {
        module_error("capacity_ties", tie.name,
                     fmt::format("capacity tie '{}': '{}' is not the reverse of '{}' ({}); silkgrid ties only the two "
                                 "directions of one two-way link",
                                 tie.name, tie.reverse, tie.forward, what));
      };
      if (!links.flag(r, "active", true)) mismatch("it is not active");
      if (bus(links, r, "bus0") != l.to[k] || bus(links, r, "bus1") != l.from[k]) mismatch("its buses");
      if (!l.invest.extendable[k] || !links.flag(r, "p_nom_extendable")) mismatch("both must be extendable");
      if (links.number(r, "efficiency", 1.0) != l.efficiency[k]) mismatch("its efficiency");
      if (links.number(r, "p_nom_min", 0.0) != l.invest.p_nom_min_mw[k] ||
          links.number(r, "p_nom_max", model::unlimited) != l.invest.p_nom_max_mw[k])
        mismatch("its p_nom_min or p_nom_max");
      if (links.number(r, "marginal_cost", 0.0) != l.marginal_cost_eur_per_mwh[k]) mismatch("its marginal_cost");
      const model::Profile rev_min = profile(links, r, "p_min_pu", 0.0), rev_max = profile(links, r, "p_max_pu", 1.0);
      for (std::size_t t = 0; t < T_; ++t) {
        if (rev_min.at(s_.series, t) != 0 || l.p_min_pu[k].at(s_.series, t) != 0) mismatch("a p_min_pu other than 0");
        if (rev_max.at(s_.series, t) != l.p_max_pu[k].at(s_.series, t)) mismatch("its p_max_pu");
      }
      l.bidirectional[k] = 1;
      // One capacity pays both capital costs.
      l.invest.capital_cost_eur_per_mw_year[k] += periodic_cost(links, r);
    }
  }

  // Storage level limits of storage units: [min_pu, max_pu] of max_hours · p_nom.
  void apply_storage_levels() {
    auto& st = s_.storage;
    for (const auto& level : carried_.storage_levels) {
      const auto at = std::find(st.name.begin(), st.name.end(), level.storage_unit);
      if (at == st.name.end() || st.energy_only[static_cast<std::size_t>(at - st.name.begin())])
        module_error("storage_level_limits", level.storage_unit,
                     fmt::format("'{}' is no storage unit of storage_units.csv", level.storage_unit));
      const auto i = static_cast<std::size_t>(at - st.name.begin());
      const auto limit = [&](const std::vector<double>& values, const char* side) {
        if (values.size() == 1) return model::Profile::fixed(values[0]);
        if (values.size() != T_)
          module_error("storage_level_limits", level.storage_unit,
                       fmt::format("'{}': {} has {} values; the network has {} snapshots", level.storage_unit, side,
                                   values.size(), T_));
        s_.series.names.push_back(fmt::format("{}:{}:{}", constraints_module_file, level.storage_unit, side));
        s_.series.values.push_back(values);
        series_origin_.emplace_back(nullptr, 0);
        return model::Profile{0.0, static_cast<int>(s_.series.names.size() - 1), 1.0};
      };
      if (!level.min_pu.empty()) st.level_min_pu[i] = limit(level.min_pu, "min_pu");
      if (!level.max_pu.empty()) st.level_max_pu[i] = limit(level.max_pu, "max_pu");
    }
  }

  // Regional CO2 caps, renewable shares (their carriers count as renewable) and capacity limits.
  void apply_policies() {
    auto& p = s_.policies;
    const auto push = [&](const std::string& name, model::PolicyKind kind, std::vector<int> regions, int carrier,
                          std::vector<int> carriers, double value) {
      p.name.push_back(name);
      p.kind.push_back(kind);
      p.regions.push_back(std::move(regions));
      p.carrier.push_back(carrier);
      p.carriers.push_back(std::move(carriers));
      p.value.push_back(value);
    };
    for (const auto& cap : carried_.co2_caps)
      push(cap.name, model::PolicyKind::co2_cap, module_buses(cap.buses, "co2_caps", cap.name), -1, {}, cap.t_per_year);
    for (const auto& share : carried_.renewable_shares) {
      std::vector<int> carriers;
      for (const std::string& c : share.carriers) {
        carriers.push_back(module_carrier(c, "renewable_shares", share.name));
        s_.carriers.renewable[static_cast<std::size_t>(carriers.back())] = 1;
      }
      if (carriers.empty())
        module_error("renewable_shares", share.name, fmt::format("renewable share '{}' lists no carrier", share.name));
      push(share.name, model::PolicyKind::min_renewable_share, module_buses(share.buses, "renewable_shares", share.name),
           -1, carriers, share.share);
    }
    for (const auto& limit : carried_.capacity_limits)
      push(limit.name, limit.at_most ? model::PolicyKind::max_capacity : model::PolicyKind::min_capacity,
           module_buses(limit.buses, "capacity_limits", limit.name), module_carrier(limit.carrier, "capacity_limits", limit.name),
           {}, limit.mw);
  }

  void read_global_constraints() {
    const Table& constraints = component("global_constraints");
    for (std::size_t i = 0; i < constraints.rows(); ++i) {
      const std::string type = constraints.text(i, "type");
      const std::string attribute = constraints.text(i, "carrier_attribute", "co2_emissions");
      const std::string sense = constraints.text(i, "sense", "<=");
      if (type != "primary_energy" || attribute != "co2_emissions" || (sense != "<=" && sense != "<"))
        throw Error(ErrorKind::input, constraints.at(i, "type"),
                    fmt::format("a global constraint of type '{}' on '{}' with sense '{}' is not supported by silkgrid's "
                                "PyPSA import (supported: primary_energy on co2_emissions with <=)",
                                type, attribute, sense));
      auto& p = s_.policies;
      came_from("policies", constraints, i);
      p.name.push_back(constraints.name(i));
      p.kind.push_back(model::PolicyKind::co2_cap);
      std::vector<int> all(s_.regions.size());
      std::iota(all.begin(), all.end(), 0);
      p.regions.push_back(all);
      p.carrier.push_back(-1);
      p.carriers.push_back({});
      p.value.push_back(constraints.number(i, "constant", 0.0));
    }
  }
};

}  // namespace

bool is_pypsa_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && fs::exists(fs::path(path) / "buses.csv", ec) &&
         !fs::exists(fs::path(path) / "study.yaml", ec);
}

model::Study read_pypsa_folder(const std::string& folder, core::Logger& log, const PyPsaReadOptions& options) {
  return Reader(fs::path(folder), log, options).read();
}

}  // namespace silkgrid::io
