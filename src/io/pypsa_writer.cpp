#include "io/pypsa_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/error.hpp"
#include "io/output_dir.hpp"
#include "io/pypsa_constraints.hpp"
#include "finance/annuity.hpp"
#include "model/costs.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;

namespace {

std::string number(double v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{}", v);
}

std::string field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string flag(bool v) { return v ? "True" : "False"; }

// One static component table: a header and rows of fields.
struct StaticTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string text() const {
    std::string out;
    for (std::size_t j = 0; j < header.size(); ++j) {
      if (j) out += ',';
      out += field(header[j]);
    }
    out += '\n';
    for (const auto& row : rows) {
      for (std::size_t j = 0; j < row.size(); ++j) {
        if (j) out += ',';
        out += field(row[j]);
      }
      out += '\n';
    }
    return out;
  }
};

class Writer {
 public:
  Writer(const std::string& dir, const model::Study& study, const model::Results* results, core::Logger& log,
         const PyPsaWriteOptions& options)
      : dir_(dir), s_(study), r_(results), log_(log), options_(options), T_(study.snapshots()) {}

  PyPsaConstraints write() {
    buses();
    carriers();
    generators();
    loads();
    links();
    lines();
    storage();
    global_constraints();
    check_unique_names();
    snapshots();
    put("network.csv", fmt::format("name,pypsa_version\n{},{}\n", field(s_.settings.name), pypsa_format_version));
    put(constraints_module_file, constraints_module(carried_, s_.settings.name));
    if (carried_.size() > 0)
      log_.info("PyPSA export: {} constraint{} that the CSV format cannot hold {} in {} (pass its extra_functionality "
                "to n.optimize)",
                carried_.size(), carried_.size() == 1 ? "" : "s", carried_.size() == 1 ? "is" : "are",
                constraints_module_file);
    if (!options_.finance_mode.empty()) put("README.txt", readme());
    if (r_) prices();
    for (const auto& [name, table] : static_) put(name + ".csv", table.text());
    for (const auto& [file, columns] : series_) {
      std::string out = "snapshot";
      for (const auto& [name, values] : columns) {
        out += ',';
        out += field(name);
      }
      out += '\n';
      for (std::size_t t = 0; t < T_; ++t) {
        out += field(s_.time.timestamps[t]);
        for (const auto& [name, values] : columns) {
          out += ',';
          out += number(values[t]);
        }
        out += '\n';
      }
      put(file + ".csv", out);
    }
    return carried_;
  }

 private:
  fs::path dir_;
  const model::Study& s_;
  const model::Results* r_;
  core::Logger& log_;
  const PyPsaWriteOptions& options_;
  std::size_t T_;
  PyPsaConstraints carried_;  // what the CSV files cannot hold: silkgrid_constraints.py
  std::map<std::string, StaticTable> static_;
  std::map<std::string, std::vector<std::pair<std::string, std::vector<double>>>> series_;
  std::vector<double> bus_v_nom_;
  std::map<std::string, char> extra_carriers_;

  double annuity_of(model::AssetKind kind, std::size_t i) const {
    return finance::asset_annuity(s_, kind, i, options_.capital);
  }

  void put(const std::string& name, const std::string& content) { write_file_atomically(dir_ / name, content); }

  // PyPSA needs names unique per component table; the names silkgrid makes up for markets
  // ("<market>-import", "<market>-export"), load shedding ("<region>-load-shedding") and
  // reverse links ("<link>-reverse") could meet a study's own: refused rather than written.
  void check_unique_names() const {
    for (const auto& [name, t] : static_) {
      std::map<std::string, std::size_t> seen;
      for (const auto& row : t.rows)
        if (!row.empty() && ++seen[row[0]] == 2)
          throw core::Error(core::ErrorKind::input, core::Context{s_.file, 0, 0, name},
                            fmt::format("the PyPSA table {}.csv would hold two components named '{}' (silkgrid "
                                        "names a market's generators '<market>-import' and '<market>-export', load "
                                        "shedding '<region>-load-shedding', a reverse link '<link>-reverse'); rename "
                                        "one",
                                        name, row[0]));
    }
  }

  StaticTable& table(const std::string& name, std::vector<std::string> header) {
    StaticTable& t = static_[name];
    if (t.header.empty()) t.header = std::move(header);
    return t;
  }

  void add_series(const std::string& file, const std::string& name, std::vector<double> values) {
    series_[file].emplace_back(name, std::move(values));
  }

  // A profile attribute: its static value, or "" with a column in "<component>-<attribute>".
  std::string profile(const std::string& component, const std::string& attribute, const std::string& name,
                      const model::Profile& p, double scale = 1.0) {
    if (p.is_constant()) return number(scale * p.constant);
    std::vector<double> values(T_);
    for (std::size_t t = 0; t < T_; ++t) values[t] = scale * p.at(s_.series, t);
    add_series(component + "-" + attribute, name, std::move(values));
    return "";
  }

  // A profile's one value, or its value at each snapshot.
  std::vector<double> values_of(const model::Profile& p) const {
    if (p.is_constant()) return {p.constant};
    std::vector<double> v(T_);
    for (std::size_t t = 0; t < T_; ++t) v[t] = p.at(s_.series, t);
    return v;
  }

  std::vector<double> row_of(const model::Matrix& m, std::size_t i, double scale = 1.0) const {
    std::vector<double> v(T_);
    for (std::size_t t = 0; t < T_; ++t) v[t] = scale * m(i, t);
    return v;
  }

  // Capacity columns in PyPSA's terms: an extendable asset's existing part becomes its minimum.
  std::vector<std::string> capacity(const model::Investment& inv, std::size_t i) const {
    if (!inv.extendable[i]) return {number(inv.p_nom_mw[i]), "False", "0", "inf"};
    return {number(inv.p_nom_mw[i]), "True", number(std::max(inv.p_nom_mw[i], inv.p_nom_min_mw[i])),
            number(inv.p_nom_max_mw[i])};
  }

  const std::string& bus(int region) const { return s_.regions.name[static_cast<std::size_t>(region)]; }

  void buses() {
    const auto& rg = s_.regions;
    bus_v_nom_.assign(rg.size(), model::not_given);
    std::vector<char> dc(rg.size(), 0);
    const auto& ln = s_.lines;
    for (std::size_t l = 0; l < ln.size(); ++l) {
      if (ln.transformer[l]) continue;
      for (int end : {ln.from[l], ln.to[l]}) {
        const auto b = static_cast<std::size_t>(end);
        if (!model::is_given(bus_v_nom_[b]) && model::is_given(ln.v_nom_kv[l])) bus_v_nom_[b] = ln.v_nom_kv[l];
        if (ln.kind[l] == model::LineKind::dc) dc[b] = 1;
      }
    }
    auto& t = table("buses", {"name", "v_nom", "carrier", "x", "y", "country"});
    for (std::size_t b = 0; b < rg.size(); ++b) {
      if (!model::is_given(bus_v_nom_[b])) bus_v_nom_[b] = 1.0;
      t.rows.push_back({rg.name[b], number(bus_v_nom_[b]), dc[b] ? "DC" : "AC", number(rg.lon[b]), number(rg.lat[b]),
                        rg.country[b]});
    }
  }

  void carriers() {
    auto& t = table("carriers", {"name", "co2_emissions"});
    for (std::size_t c = 0; c < s_.carriers.size(); ++c)
      t.rows.push_back({s_.carriers.name[c], number(s_.carriers.co2_t_per_mwh_fuel[c])});
  }

  std::string carrier_of(int c) {
    return c < 0 ? std::string() : s_.carriers.name[static_cast<std::size_t>(c)];
  }

  void add_carrier(const std::string& name) {
    if (s_.find_carrier(name) >= 0 || extra_carriers_.count(name)) return;
    extra_carriers_[name] = 1;
    table("carriers", {}).rows.push_back({name, "0"});
  }

  StaticTable& generator_table() {
    std::vector<std::string> header = {"name", "bus", "carrier", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max",
                                       "p_min_pu", "p_max_pu", "marginal_cost", "capital_cost", "efficiency"};
    if (r_) header.push_back("p_nom_opt");
    return table("generators", header);
  }

  void generators() {
    const auto& g = s_.generators;
    auto& t = generator_table();
    for (std::size_t i = 0; i < g.size(); ++i) {
      std::vector<std::string> row = {g.name[i], bus(g.region[i]), carrier_of(g.carrier[i])};
      for (auto& c : capacity(g.invest, i)) row.push_back(c);
      row.push_back(profile("generators", "p_min_pu", g.name[i], g.p_min_pu[i]));
      row.push_back(profile("generators", "p_max_pu", g.name[i], g.p_max_pu[i]));
      row.push_back(g.marginal_cost_series[i].is_constant()
                        ? number(model::marginal_cost_eur_per_mwh(s_, i))
                        : profile("generators", "marginal_cost", g.name[i], g.marginal_cost_series[i]));
      row.push_back(number(annuity_of(model::AssetKind::generator, i)));
      row.push_back(number(g.efficiency[i]));
      if (r_) {
        row.push_back(number(r_->generator_capacity_mw[i]));
        add_series("generators-p", g.name[i], row_of(r_->generator_p, i));
      }
      t.rows.push_back(std::move(row));
    }
    markets_and_shedding();
  }

  // Markets as generators: imports at the import price, exports as a sink (p ≤ 0) earning the
  // export price; load shedding as a generator per region at the value of lost load.
  void markets_and_shedding() {
    const auto& m = s_.markets;
    auto& t = generator_table();
    const auto sized = [&](const model::Profile& p) {
      double peak = 0;
      for (std::size_t k = 0; k < T_; ++k) peak = std::max(peak, p.at(s_.series, k));
      return peak;
    };
    for (std::size_t i = 0; i < m.size(); ++i) {
      for (const bool exporting : {false, true}) {
        const model::Profile& limit = exporting ? m.max_export_mw[i] : m.max_import_mw[i];
        const double peak = sized(limit);
        if (peak <= 0) continue;
        add_carrier("market");
        const std::string name = m.name[i] + (exporting ? "-export" : "-import");
        model::Profile share = limit;
        share.constant /= peak;
        share.scale /= peak;
        std::vector<std::string> row = {name, bus(m.region[i]), "market", number(peak), "False", "0", "inf",
                                        exporting ? profile("generators", "p_min_pu", name, share, -1.0) : "0",
                                        exporting ? "0" : profile("generators", "p_max_pu", name, share),
                                        profile("generators", "marginal_cost", name,
                                                exporting ? m.export_price_eur_per_mwh[i] : m.import_price_eur_per_mwh[i]),
                                        "0", "1"};
        if (r_) {
          row.push_back(number(peak));
          add_series("generators-p", name, row_of(exporting ? r_->market_export : r_->market_import, i, exporting ? -1.0 : 1.0));
        }
        t.rows.push_back(std::move(row));
      }
    }
    if (!std::isfinite(s_.settings.voll_eur_per_mwh)) return;
    model::Matrix load(s_.regions.size(), T_);
    for (std::size_t l = 0; l < s_.loads.size(); ++l)
      for (std::size_t k = 0; k < T_; ++k)
        load(static_cast<std::size_t>(s_.loads.region[l]), k) += s_.loads.p_mw[l].at(s_.series, k);
    for (std::size_t b = 0; b < s_.regions.size(); ++b) {
      double peak = 0;
      for (std::size_t k = 0; k < T_; ++k) peak = std::max(peak, load(b, k));
      if (peak <= 0) continue;
      add_carrier("load-shedding");
      const std::string name = s_.regions.name[b] + "-load-shedding";
      std::vector<double> share(T_);
      for (std::size_t k = 0; k < T_; ++k) share[k] = load(b, k) / peak;
      add_series("generators-p_max_pu", name, share);
      std::vector<std::string> row = {name, s_.regions.name[b], "load-shedding", number(peak), "False", "0", "inf", "0", "",
                                      number(s_.settings.voll_eur_per_mwh), "0", "1"};
      if (r_) {
        row.push_back(number(peak));
        add_series("generators-p", name, row_of(r_->region_unserved, b));
      }
      t.rows.push_back(std::move(row));
    }
  }

  void loads() {
    const auto& l = s_.loads;
    auto& t = table("loads", {"name", "bus", "p_set"});
    for (std::size_t i = 0; i < l.size(); ++i) {
      t.rows.push_back({l.name[i], bus(l.region[i]), profile("loads", "p_set", l.name[i], l.p_mw[i])});
      if (r_) {
        std::vector<double> p(T_);
        for (std::size_t k = 0; k < T_; ++k) p[k] = l.p_mw[i].at(s_.series, k);
        add_series("loads-p", l.name[i], p);
      }
    }
  }

  void links() {
    const auto& k = s_.links;
    std::vector<std::string> header = {"name", "bus0", "bus1", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max",
                                       "efficiency", "p_min_pu", "p_max_pu", "marginal_cost", "capital_cost", "length"};
    if (r_) header.push_back("p_nom_opt");
    auto& t = table("links", header);
    for (std::size_t i = 0; i < k.size(); ++i) {
      const bool two_flows = k.bidirectional[i] != 0;
      const bool one_reversible = two_flows && k.efficiency[i] == 1.0 && k.marginal_cost_eur_per_mwh[i] == 0.0;
      const double annuity = annuity_of(model::AssetKind::link, i);
      const auto push = [&](const std::string& name, int from, int to, const model::Profile& p_min_pu, double min_scale,
                            double cost, const std::vector<double>* p0) {
        std::vector<std::string> row = {name, bus(from), bus(to)};
        auto cap = capacity(k.invest, i);
        row.insert(row.end(), cap.begin(), cap.end());
        for (const std::string& v : {number(k.efficiency[i]), profile("links", "p_min_pu", name, p_min_pu, min_scale),
                                     profile("links", "p_max_pu", name, k.p_max_pu[i]),
                                     number(k.marginal_cost_eur_per_mwh[i]), number(cost), number(k.length_km[i])})
          row.push_back(v);
        if (r_) {
          row.push_back(number(r_->link_capacity_mw[i]));
          add_series("links-p0", name, *p0);
          std::vector<double> p1(*p0);
          for (double& v : p1) v *= -k.efficiency[i];
          add_series("links-p1", name, p1);
        }
        t.rows.push_back(std::move(row));
      };
      std::vector<double> forward, backward;
      if (r_) {
        forward = row_of(r_->link_forward, i);
        backward = row_of(r_->link_backward, i);
      }
      if (!two_flows) {
        push(k.name[i], k.from[i], k.to[i], k.p_min_pu[i], 1.0, annuity, &forward);
      } else if (one_reversible) {
        std::vector<double> net(forward);
        for (std::size_t n = 0; n < net.size(); ++n) net[n] -= backward[n];
        push(k.name[i], k.from[i], k.to[i], k.p_max_pu[i], -1.0, annuity, &net);
      } else {
        push(k.name[i], k.from[i], k.to[i], model::Profile::fixed(0.0), 1.0, annuity, &forward);
        push(k.name[i] + "-reverse", k.to[i], k.from[i], model::Profile::fixed(0.0), 1.0, 0.0, &backward);
        // Two capacities in PyPSA, one in silkgrid: the module ties them (the forward link pays).
        if (k.invest.extendable[i]) carried_.ties.push_back({k.name[i], k.name[i], k.name[i] + "-reverse"});
      }
    }
  }

  void lines() {
    const auto& ln = s_.lines;
    std::vector<std::string> header = {"name", "bus0", "bus1", "x", "r", "s_nom", "s_nom_extendable", "s_nom_min",
                                       "s_nom_max", "s_max_pu", "capital_cost", "length"};
    std::vector<std::string> trafo_header = header;
    trafo_header.insert(trafo_header.end(), {"tap_ratio", "phase_shift"});
    if (r_) {
      header.push_back("s_nom_opt");
      trafo_header.push_back("s_nom_opt");
    }
    for (std::size_t l = 0; l < ln.size(); ++l) {
      const bool trafo = ln.transformer[l] != 0;
      // Impedances back in PyPSA's units: Ω over the bus voltage for lines, per unit of s_nom
      // for transformers (tap ratio folded in, so written as 1).
      const double base = trafo ? (ln.invest.extendable[l] || ln.invest.p_nom_mw[l] <= 0 ? 1.0 : ln.invest.p_nom_mw[l])
                                : bus_v_nom_[static_cast<std::size_t>(ln.from[l])] *
                                      bus_v_nom_[static_cast<std::size_t>(ln.from[l])];
      std::vector<std::string> row = {ln.name[l], bus(ln.from[l]), bus(ln.to[l]), number(ln.x_pu[l] * base),
                                      number(ln.r_pu[l] * base)};
      auto cap = capacity(ln.invest, l);
      if (trafo && ln.invest.extendable[l]) cap[0] = number(1.0);  // the per-unit base of x and r
      row.insert(row.end(), cap.begin(), cap.end());
      for (const std::string& v : {number(ln.s_max_pu[l]), number(annuity_of(model::AssetKind::line, l)), number(ln.length_km[l])})
        row.push_back(v);
      if (trafo) row.insert(row.end(), {"1", number(ln.phase_shift_deg[l])});
      const std::string component = trafo ? "transformers" : "lines";
      if (r_) {
        row.push_back(number(r_->line_capacity_mw[l]));
        add_series(component + "-p0", ln.name[l], row_of(r_->line_flow, l));
        add_series(component + "-p1", ln.name[l], row_of(r_->line_flow, l, -1.0));
      }
      table(component, trafo ? trafo_header : header).rows.push_back(std::move(row));
    }
  }

  void storage() {
    const auto& st = s_.storage;
    std::vector<std::string> units = {"name", "bus", "carrier", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max",
                                      "max_hours", "efficiency_store", "efficiency_dispatch", "standing_loss",
                                      "marginal_cost", "marginal_cost_storage", "spill_cost", "cyclic_state_of_charge",
                                      "state_of_charge_initial", "p_min_pu", "p_max_pu", "capital_cost", "inflow",
                                      "state_of_charge_set"};
    std::vector<std::string> stores = {"name", "bus", "carrier", "e_nom", "e_nom_extendable", "e_nom_min", "e_nom_max",
                                       "standing_loss", "marginal_cost", "marginal_cost_storage", "e_cyclic",
                                       "e_initial", "e_min_pu", "e_max_pu", "capital_cost", "e_set"};
    if (r_) {
      units.push_back("p_nom_opt");
      stores.push_back("e_nom_opt");
    }
    for (std::size_t i = 0; i < st.size(); ++i) {
      const std::string& name = st.name[i];
      std::vector<std::string> row = {name, bus(st.region[i]), carrier_of(st.carrier[i])};
      auto cap = capacity(st.invest, i);
      row.insert(row.end(), cap.begin(), cap.end());
      const double annuity = annuity_of(model::AssetKind::storage, i);
      if (st.energy_only[i]) {
        for (const std::string& v :
             {number(st.standing_loss_per_hour[i]), number(st.marginal_cost_eur_per_mwh[i]),
              number(st.marginal_cost_storage_eur_per_mwh_h[i]), flag(st.cyclic[i]), number(st.initial_mwh[i]),
              profile("stores", "e_min_pu", name, st.level_min_pu[i]), profile("stores", "e_max_pu", name, st.level_max_pu[i]),
              number(annuity), profile("stores", "e_set", name, st.level_set_mwh[i])})
          row.push_back(v);
        if (r_) {
          row.push_back(number(r_->storage_energy_mwh[i]));
          add_series("stores-p", name, row_of(r_->storage_discharge, i));
          add_series("stores-e", name, row_of(r_->storage_soc, i));
        }
        table("stores", stores).rows.push_back(std::move(row));
        continue;
      }
      for (const std::string& v :
           {number(st.max_hours[i]), number(st.efficiency_store[i]), number(st.efficiency_dispatch[i]),
            number(st.standing_loss_per_hour[i]), number(st.marginal_cost_eur_per_mwh[i]),
            number(st.marginal_cost_storage_eur_per_mwh_h[i]), number(st.spill_cost_eur_per_mwh[i]), flag(st.cyclic[i]),
            number(st.initial_mwh[i]), profile("storage_units", "p_min_pu", name, st.charge_max_pu[i], -1.0),
            profile("storage_units", "p_max_pu", name, st.dispatch_max_pu[i]), number(annuity),
            profile("storage_units", "inflow", name, st.inflow_mw[i]),
            profile("storage_units", "state_of_charge_set", name, st.level_set_mwh[i])})
        row.push_back(v);
      // PyPSA's storage units have no level limits other than [0, max_hours·p_nom]: the module's.
      const auto is = [&](const model::Profile& p, double v) { return p.is_constant() && p.constant == v; };
      if (!is(st.level_min_pu[i], 0.0) || !is(st.level_max_pu[i], 1.0)) {
        PyPsaConstraints::StorageLevel level{name, {}, {}};
        if (!is(st.level_min_pu[i], 0.0)) level.min_pu = values_of(st.level_min_pu[i]);
        if (!is(st.level_max_pu[i], 1.0)) level.max_pu = values_of(st.level_max_pu[i]);
        carried_.storage_levels.push_back(std::move(level));
      }
      if (r_) {
        row.push_back(number(r_->storage_power_mw[i]));
        std::vector<double> p = row_of(r_->storage_discharge, i);
        for (std::size_t k = 0; k < T_; ++k) p[k] -= r_->storage_charge(i, k);
        add_series("storage_units-p", name, p);
        add_series("storage_units-p_dispatch", name, row_of(r_->storage_discharge, i));
        add_series("storage_units-p_store", name, row_of(r_->storage_charge, i));
        add_series("storage_units-state_of_charge", name, row_of(r_->storage_soc, i));
        if (st.has_inflow(i, s_.series)) add_series("storage_units-spill", name, row_of(r_->storage_spill, i));
      }
      table("storage_units", units).rows.push_back(std::move(row));
    }
  }

  void global_constraints() {
    const auto& p = s_.policies;
    auto& t = table("global_constraints", {"name", "type", "carrier_attribute", "sense", "constant"});
    for (std::size_t i = 0; i < p.size(); ++i) {
      std::vector<std::string> buses;
      for (int r : p.regions[i]) buses.push_back(bus(r));
      switch (p.kind[i]) {
        case model::PolicyKind::co2_cap:
          // PyPSA's primary_energy constraint is network-wide: a cap over some regions is the
          // module's, and so is one where a non-cyclic store of an emitting carrier counts what it
          // depletes (PyPSA counts a store by its bus's carrier, silkgrid by its own).
          if (p.regions[i].size() == s_.regions.size() && !emitting_store())
            t.rows.push_back({p.name[i], "primary_energy", "co2_emissions", "<=", number(p.value[i])});
          else
            carried_.co2_caps.push_back({p.name[i], buses, p.value[i]});
          break;
        case model::PolicyKind::min_renewable_share: {
          // The carriers that count (formulate::counts_toward_share): the renewable ones listed, or all.
          std::vector<std::string> carriers;
          for (std::size_t c = 0; c < s_.carriers.size(); ++c) {
            const auto& listed = p.carriers[i];
            if (s_.carriers.renewable[c] &&
                (listed.empty() || std::find(listed.begin(), listed.end(), static_cast<int>(c)) != listed.end()))
              carriers.push_back(s_.carriers.name[c]);
          }
          carried_.renewable_shares.push_back({p.name[i], buses, carriers, p.value[i]});
          break;
        }
        case model::PolicyKind::max_capacity:
        case model::PolicyKind::min_capacity:
          carried_.capacity_limits.push_back({p.name[i], buses, carrier_of(p.carrier[i]),
                                              p.kind[i] == model::PolicyKind::max_capacity, p.value[i]});
          break;
      }
    }
  }

  bool emitting_store() const {
    const auto& st = s_.storage;
    for (std::size_t i = 0; i < st.size(); ++i)
      if (st.energy_only[i] && !st.cyclic[i] && st.carrier[i] >= 0 &&
          s_.carriers.co2_t_per_mwh_fuel[static_cast<std::size_t>(st.carrier[i])] != 0)
        return true;
    return false;
  }

  // README.txt: what the folder holds, for whoever opens it without silkgrid.
  std::string readme() const {
    std::string out = fmt::format(
        "The silkgrid study '{}' as a PyPSA network: the CSV files in PyPSA {}'s format, written by\n"
        "`silkgrid convert --to pypsa --finance {}` ({} snapshots).\n\n",
        s_.settings.name, pypsa_format_version, options_.finance_mode, T_);
    out += fmt::format(
        "capital_cost: each asset's annuity that `silkgrid run --finance {}` optimises, per MW (stores:\n"
        "per MWh) and year: capex * (1 - grant share) * annuity factor at the asset's cost of capital\n"
        "+ fixed O&M. An asset of a project takes its project's cost of capital (the blended rate of its\n"
        "tranches) and grant share; other assets the study's discount rate ({:g}) or their own.\n",
        options_.finance_mode, s_.settings.discount_rate);
    std::string financed;
    std::size_t count = 0;
    const auto list = [&](model::AssetKind kind, const std::vector<std::string>& names, const model::Investment& invest,
                          const char* component) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        const finance::CapitalTerms terms = options_.capital.of(kind, i);
        if (!model::is_given(terms.rate) && terms.grant_share == 0) continue;
        ++count;
        financed += fmt::format("  {:<14} {:<28} {:>8.4f} {:>8.4f} {:>14.2f} {:>14.2f}\n", component, names[i],
                                finance::asset_rate(invest, i, s_.settings.discount_rate, terms), terms.grant_share,
                                annuity_of(kind, i), finance::asset_annuity(s_, kind, i));
      }
    };
    list(model::AssetKind::generator, s_.generators.name, s_.generators.invest, "generators");
    list(model::AssetKind::link, s_.links.name, s_.links.invest, "links");
    list(model::AssetKind::line, s_.lines.name, s_.lines.invest, "lines");
    list(model::AssetKind::storage, s_.storage.name, s_.storage.invest, "storage");
    if (count > 0)
      out += fmt::format("\n{} assets are priced under their project's finance:\n  {:<14} {:<28} {:>8} {:>8} {:>14} {:>14}\n{}",
                         count, "table", "asset", "rate", "grant", "capital_cost", "plain annuity", financed);
    out += fmt::format(
        "\n{}: the constraints that the CSV files cannot hold ({} capacity ties of two-way links,\n"
        "{} regional CO2 caps, {} renewable shares, {} capacity limits, {} storage level limits). Pass its\n"
        "extra_functionality to n.optimize, and PyPSA solves what silkgrid solves:\n\n"
        "    import sys, pypsa\n"
        "    sys.path.insert(0, \"THIS_FOLDER\")\n"
        "    from silkgrid_constraints import extra_functionality\n"
        "    n = pypsa.Network(\"THIS_FOLDER\")\n"
        "    n.optimize(solver_name=\"cbc\", extra_functionality=extra_functionality)\n\n"
        "Names silkgrid made up: '<market>-import' and '<market>-export' (markets, as generators),\n"
        "'<region>-load-shedding' (the value of lost load), '<link>-reverse' (a lossy two-way link's\n"
        "reverse direction).\n",
        constraints_module_file, carried_.ties.size(), carried_.co2_caps.size(), carried_.renewable_shares.size(),
        carried_.capacity_limits.size(), carried_.storage_levels.size());
    return out;
  }

  void snapshots() {
    std::string out = "snapshot,objective,stores,generators\n";
    for (std::size_t t = 0; t < T_; ++t)
      out += fmt::format("{},{},{},{}\n", field(s_.time.timestamps[t]), number(s_.time.weights[t]),
                         number(s_.time.store_weight(t)), number(s_.time.generator_weight(t)));
    put("snapshots.csv", out);
  }

  void prices() {
    for (std::size_t b = 0; b < s_.regions.size(); ++b)
      add_series("buses-marginal_price", s_.regions.name[b], row_of(r_->region_price, b));
  }
};

}  // namespace

PyPsaConstraints write_pypsa_folder(const std::string& dir, const model::Study& study,
                                            const model::Results* results, core::Logger& log,
                                            const PyPsaWriteOptions& options) {
  return Writer(dir, study, results, log, options).write();
}

}  // namespace silkgrid::io
