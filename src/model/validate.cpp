#include "model/validate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <unordered_set>

#include "core/error.hpp"
#include "model/costs.hpp"

namespace silkgrid::model {

namespace {

using core::Error;
using core::ErrorKind;

// What failed: the study's key ("generators[3].efficiency"), and for a table row its table,
// row and attribute, for the provenance to translate.
struct Key {
  std::string text;
  const char* table = nullptr;
  std::size_t row = 0;
  std::string attribute;
  Key(std::string k) : text(std::move(k)) {}  // NOLINT: implicit, for keys of no table row
  Key(const char* k) : text(k) {}             // NOLINT
  Key(const char* t, std::size_t i, const char* a)
      : text(fmt::format("{}[{}].{}", t, i, a)), table(t), row(i), attribute(a) {}
};

struct Checker {
  const Study& study;
  const Provenance& provenance;

  [[noreturn]] void fail(const Key& key, const std::string& message) const {
    if (key.table && provenance.attribute)
      if (auto where = provenance.attribute(key.table, key.row, key.attribute)) throw Error(ErrorKind::input, *where, message);
    throw Error(ErrorKind::input, core::Context{study.file, 0, 0, key.text}, message);
  }
  static Key key(const char* table, std::size_t i, const char* attribute) { return Key(table, i, attribute); }
  void finite(double v, const Key& k) const {
    if (!std::isfinite(v)) fail(k, fmt::format("expected a finite number, got {}", v));
  }
  void non_negative(double v, const Key& k) const {
    if (!(v >= 0)) fail(k, fmt::format("expected a number >= 0, got {}", v));
  }
  void positive(double v, const Key& k) const {
    if (std::isnan(v)) fail(k, "is required here: expected a finite number > 0");
    if (!(v > 0) || !std::isfinite(v)) fail(k, fmt::format("expected a finite number > 0, got {}", v));
  }
  void efficiency(double v, const Key& k) const {
    if (!(v > 0 && v <= 1)) fail(k, fmt::format("expected an efficiency in (0, 1], got {}", v));
  }
  void reference(int index, std::size_t count, const Key& k) const {
    if (index < 0 || static_cast<std::size_t>(index) >= count) fail(k, "refers to an unknown component");
  }
  // A branch (link or line) joins two different known regions.
  void endpoints(int from, int to, std::size_t regions, const char* table, std::size_t i, const char* noun) const {
    reference(from, regions, key(table, i, "from"));
    reference(to, regions, key(table, i, "to"));
    if (from == to) fail(key(table, i, "to"), fmt::format("a {} must join two different regions", noun));
  }
  // Names are unique within a table, or within each kind of it (`kinds`: a flag per row, such as
  // a PyPSA network's transformer flag among its lines: a line and a transformer may share one).
  void names(const std::vector<std::string>& names, const char* table, const std::vector<char>* kinds = nullptr) const {
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const Key k = key(table, i, "name");
      if (names[i].empty()) fail(k, "expected a non-empty name");
      if (names[i].find_first_of(",\"\n\r") != std::string::npos)
        fail(k, fmt::format("name '{}' may not contain commas, quotes or line breaks", names[i]));
      if (!seen.insert(kinds ? names[i] + '\n' + (*kinds)[i] : names[i]).second)
        fail(k, fmt::format("duplicate name '{}'", names[i]));
    }
  }
  // Every value of a profile passes `check`.
  template <typename Check>
  void profile(const Profile& p, const Key& k, Check check, const char* expected) const {
    const std::size_t n = p.is_constant() ? 1 : study.snapshots();
    for (std::size_t t = 0; t < n; ++t) {
      const double v = p.at(study.series, t);
      if (!check(v)) {
        if (p.is_constant()) fail(k, fmt::format("expected {}, got {}", expected, v));
        if (provenance.series)  // the series file, line and column of the value
          if (auto where = provenance.series(static_cast<std::size_t>(p.column), t))
            throw Error(ErrorKind::input, *where,
                        fmt::format("expected {}, got {} at snapshot {} ({})", expected, v, t, study.time.timestamps[t]));
        fail(k, fmt::format("expected {}, got {} in column '{}' of {} at snapshot {} ({})", expected, v,
                            study.series.names[static_cast<std::size_t>(p.column)], study.series.file, t,
                            study.time.timestamps[t]));
      }
    }
  }
  void investment(const Investment& inv, std::size_t i, const char* table, bool has_capex) const {
    non_negative(inv.p_nom_mw[i], key(table, i, "p_nom_mw"));
    finite(inv.p_nom_mw[i], key(table, i, "p_nom_mw"));
    non_negative(inv.fom_pct_per_year[i], key(table, i, "fom_pct_per_year"));
    if (has_capex && !is_given(inv.capital_cost_eur_per_mw_year[i]))
      positive(inv.lifetime_years[i], key(table, i, "lifetime_years"));
    if (is_given(inv.capital_cost_eur_per_mw_year[i])) {
      non_negative(inv.capital_cost_eur_per_mw_year[i], key(table, i, "capital_cost_eur_per_mw_year"));
      finite(inv.capital_cost_eur_per_mw_year[i], key(table, i, "capital_cost_eur_per_mw_year"));
    }
    if (is_given(inv.discount_rate[i]) && !(inv.discount_rate[i] >= 0 && inv.discount_rate[i] < 1))
      fail(key(table, i, "discount_rate"), fmt::format("expected a rate in [0, 1), got {}", inv.discount_rate[i]));
    if (!inv.extendable[i]) return;
    non_negative(inv.p_nom_min_mw[i], key(table, i, "p_nom_min_mw"));
    finite(inv.p_nom_min_mw[i], key(table, i, "p_nom_min_mw"));
    non_negative(inv.p_nom_max_mw[i], key(table, i, "p_nom_max_mw"));
    if (inv.p_nom_max_mw[i] < std::max(inv.p_nom_min_mw[i], inv.p_nom_mw[i]))
      fail(key(table, i, "p_nom_max_mw"),
           fmt::format("expected at least p_nom_mw and p_nom_min_mw ({} MW), got {} MW",
                       std::max(inv.p_nom_min_mw[i], inv.p_nom_mw[i]), inv.p_nom_max_mw[i]));
  }
};

}  // namespace

void validate(const Study& study, core::Logger& log, const Provenance& provenance) {
  const Checker c{study, provenance};
  const std::size_t T = study.snapshots();
  if (T == 0) c.fail("study.snapshots", "expected at least one snapshot");
  if (study.time.weights.size() != T || study.time.timestamps.size() != T)
    c.fail("study.snapshots", "the time axis has inconsistent lengths");
  for (std::size_t t = 0; t < T; ++t) {
    for (const auto* extra : {&study.time.store_weights, &study.time.generator_weights})
      if (!extra->empty() && (extra->size() != T || !((*extra)[t] >= 0) || !std::isfinite((*extra)[t])))
        c.fail("study.snapshot_weightings",
               fmt::format("expected one store and one generator weight >= 0 per snapshot; snapshot {} has none", t));
    if (!(study.time.weights[t] > 0) || !std::isfinite(study.time.weights[t]))
      c.fail("study.snapshot_hours", fmt::format("expected a weight > 0 hours, got {}", study.time.weights[t]));
  }
  for (const auto& column : study.series.values)
    if (column.size() != T) c.fail("study.timeseries", "a time-series column does not have one value per snapshot");
  if (!(study.settings.discount_rate >= 0 && study.settings.discount_rate < 1))
    c.fail("study.discount_rate", fmt::format("expected a rate in [0, 1), got {}", study.settings.discount_rate));
  if (!(study.settings.voll_eur_per_mwh > 0))  // infinite: no load shedding (PyPSA networks)
    c.fail("study.voll_eur_per_mwh", fmt::format("expected a number > 0, got {}", study.settings.voll_eur_per_mwh));

  if (study.regions.size() == 0) c.fail("regions", "expected at least one region");
  c.names(study.regions.name, "regions");
  c.names(study.carriers.name, "carriers");
  for (std::size_t i = 0; i < study.carriers.size(); ++i)
    c.non_negative(study.carriers.co2_t_per_mwh_fuel[i], Checker::key("carriers", i, "co2_t_per_mwh_fuel"));

  const std::size_t R = study.regions.size();
  const auto& loads = study.loads;
  c.names(loads.name, "loads");
  for (std::size_t i = 0; i < loads.size(); ++i) {
    c.reference(loads.region[i], R, Checker::key("loads", i, "region"));
    c.profile(loads.p_mw[i], Checker::key("loads", i, "p_mw"), [](double v) { return v >= 0 && std::isfinite(v); },
              "a load >= 0 MW");
  }

  const auto& g = study.generators;
  c.names(g.name, "generators");
  for (std::size_t i = 0; i < g.size(); ++i) {
    c.reference(g.region[i], R, Checker::key("generators", i, "region"));
    c.reference(g.carrier[i], study.carriers.size(), Checker::key("generators", i, "carrier"));
    c.investment(g.invest, i, "generators", g.capex_eur_per_kw[i] > 0);
    c.non_negative(g.capex_eur_per_kw[i], Checker::key("generators", i, "capex_eur_per_kw"));
    c.efficiency(g.efficiency[i], Checker::key("generators", i, "efficiency"));
    c.non_negative(g.fuel_eur_per_mwh_fuel[i], Checker::key("generators", i, "fuel_eur_per_mwh_fuel"));
    c.finite(g.fuel_eur_per_mwh_fuel[i], Checker::key("generators", i, "fuel_eur_per_mwh_fuel"));
    c.finite(g.vom_eur_per_mwh[i], Checker::key("generators", i, "vom_eur_per_mwh"));
    c.profile(g.p_max_pu[i], Checker::key("generators", i, "p_max_pu"), [](double v) { return v >= -1 && v <= 1; },
              "a per-unit value in [-1, 1]");
    c.profile(g.p_min_pu[i], Checker::key("generators", i, "p_min_pu"), [](double v) { return v >= -1 && v <= 1; },
              "a per-unit value in [-1, 1]");
    if (!g.marginal_cost_series[i].is_constant())
      c.profile(g.marginal_cost_series[i], Checker::key("generators", i, "marginal_cost"),
                [](double v) { return std::isfinite(v); }, "a finite cost per MWh");
    const std::size_t n = g.p_max_pu[i].is_constant() && g.p_min_pu[i].is_constant() ? 1 : T;
    for (std::size_t t = 0; t < n; ++t)
      if (g.p_min_pu[i].at(study.series, t) > g.p_max_pu[i].at(study.series, t))
        c.fail(Checker::key("generators", i, "p_min_pu"),
               fmt::format("p_min_pu exceeds p_max_pu at snapshot {} ({})", t, study.time.timestamps[t]));
  }

  const auto& l = study.links;
  c.names(l.name, "links");
  for (std::size_t i = 0; i < l.size(); ++i) {
    c.endpoints(l.from[i], l.to[i], R, "links", i, "link");
    c.investment(l.invest, i, "links", l.capex_eur_per_mw_km[i] > 0 || l.capex_eur_per_kw[i] > 0);
    c.non_negative(l.length_km[i], Checker::key("links", i, "length_km"));
    c.non_negative(l.capex_eur_per_mw_km[i], Checker::key("links", i, "capex_eur_per_mw_km"));
    c.non_negative(l.capex_eur_per_kw[i], Checker::key("links", i, "capex_eur_per_kw"));
    // In a PyPSA network an efficiency above 1 is a conversion (a heat pump's COP), not a loss.
    if (study.settings.from_pypsa) {
      if (!(l.efficiency[i] > 0 && std::isfinite(l.efficiency[i])))
        c.fail(Checker::key("links", i, "efficiency"), fmt::format("expected an efficiency > 0, got {}", l.efficiency[i]));
    } else {
      c.efficiency(l.efficiency[i], Checker::key("links", i, "efficiency"));
    }
    c.finite(l.marginal_cost_eur_per_mwh[i], Checker::key("links", i, "marginal_cost_eur_per_mwh"));
    c.profile(l.p_max_pu[i], Checker::key("links", i, "p_max_pu"), [](double v) { return v >= -1 && v <= 1; },
              "a per-unit value in [-1, 1]");
    c.profile(l.p_min_pu[i], Checker::key("links", i, "p_min_pu"), [](double v) { return v >= -1 && v <= 1; },
              "a per-unit value in [-1, 1]");
    for (std::size_t t = 0; t < (l.p_min_pu[i].is_constant() && l.p_max_pu[i].is_constant() ? 1 : T); ++t)
      if (l.p_min_pu[i].at(study.series, t) > l.p_max_pu[i].at(study.series, t))
        c.fail(Checker::key("links", i, "p_min_pu"),
               fmt::format("p_min_pu exceeds p_max_pu at snapshot {} ({})", t, study.time.timestamps[t]));
    if (l.reversible(i, study.series, T) && l.bidirectional[i])
      c.fail(Checker::key("links", i, "p_min_pu"),
             "a negative p_min_pu makes the link reversible (PyPSA's way: one flow, the efficiency both ways); "
             "set bidirectional: false with it, or drop it for silkgrid's two-flow bidirectional link");
  }

  const auto& ln = study.lines;
  // PyPSA names are unique per component kind: its lines and transformers, storage units and
  // stores are separate tables there (each kept apart in the results too).
  const bool per_kind = study.settings.from_pypsa;
  c.names(ln.name, "lines", per_kind ? &ln.transformer : nullptr);
  for (std::size_t i = 0; i < ln.size(); ++i) {
    c.endpoints(ln.from[i], ln.to[i], R, "lines", i, "line");
    c.investment(ln.invest, i, "lines", ln.capex_eur_per_mw_km[i] > 0);
    if (!ln.transformer[i] && is_given(ln.v_nom_kv[i])) {
      c.positive(ln.v_nom_kv[i], Checker::key("lines", i, "v_nom_kv"));
      c.positive(ln.kind[i] == LineKind::ac ? ln.x_ohm[i] : ln.r_ohm[i],
                 Checker::key("lines", i, ln.kind[i] == LineKind::ac ? "x_ohm" : "r_ohm"));
    }
    c.positive(ln.impedance_pu(i), Checker::key(ln.transformer[i] ? "transformers" : "lines", i,
                                                ln.kind[i] == LineKind::ac ? "x" : "r"));
    if (!(ln.s_max_pu[i] > 0 && ln.s_max_pu[i] <= 1))
      c.fail(Checker::key("lines", i, "s_max_pu"), fmt::format("expected a per-unit value in (0, 1], got {}", ln.s_max_pu[i]));
    c.non_negative(ln.length_km[i], Checker::key("lines", i, "length_km"));
    c.non_negative(ln.capex_eur_per_mw_km[i], Checker::key("lines", i, "capex_eur_per_mw_km"));
  }

  const auto& s = study.storage;
  c.names(s.name, "storage", per_kind ? &s.energy_only : nullptr);
  for (std::size_t i = 0; i < s.size(); ++i) {
    c.reference(s.region[i], R, Checker::key("storage", i, "region"));
    c.investment(s.invest, i, "storage", s.capex_eur_per_kw[i] > 0 || s.capex_eur_per_kwh[i] > 0);
    c.positive(s.max_hours[i], Checker::key("storage", i, "max_hours"));
    c.efficiency(s.efficiency_store[i], Checker::key("storage", i, "efficiency_store"));
    c.efficiency(s.efficiency_dispatch[i], Checker::key("storage", i, "efficiency_dispatch"));
    if (!(s.standing_loss_per_hour[i] >= 0 && s.standing_loss_per_hour[i] < 1))
      c.fail(Checker::key("storage", i, "standing_loss_per_hour"),
             fmt::format("expected a fraction in [0, 1), got {}", s.standing_loss_per_hour[i]));
    c.non_negative(s.capex_eur_per_kw[i], Checker::key("storage", i, "capex_eur_per_kw"));
    c.non_negative(s.capex_eur_per_kwh[i], Checker::key("storage", i, "capex_eur_per_kwh"));
    if (!s.energy_only[i])
      c.non_negative(s.marginal_cost_eur_per_mwh[i], Checker::key("storage", i, "marginal_cost_eur_per_mwh"));
    c.finite(s.marginal_cost_storage_eur_per_mwh_h[i], Checker::key("storage", i, "marginal_cost_storage"));
    c.finite(s.initial_mwh[i], Checker::key("storage", i, "initial_mwh"));
    c.finite(s.spill_cost_eur_per_mwh[i], Checker::key("storage", i, "spill_cost_eur_per_mwh"));
    const auto is_finite = [](double v) { return std::isfinite(v); };
    c.profile(s.inflow_mw[i], Checker::key("storage", i, "inflow_mw"), [](double v) { return v >= 0 && std::isfinite(v); },
              "an inflow >= 0 MW");
    c.profile(s.dispatch_max_pu[i], Checker::key("storage", i, "p_max_pu"), is_finite, "a finite per-unit value");
    c.profile(s.charge_max_pu[i], Checker::key("storage", i, "p_min_pu"), is_finite, "a finite per-unit value");
    c.profile(s.level_min_pu[i], Checker::key("storage", i, "e_min_pu"), is_finite, "a finite per-unit value");
    c.profile(s.level_max_pu[i], Checker::key("storage", i, "e_max_pu"), is_finite, "a finite per-unit value");
    if (s.energy_only[i] && (s.max_hours[i] != 1.0 || s.efficiency_store[i] != 1.0 || s.efficiency_dispatch[i] != 1.0))
      c.fail(Checker::key("storage", i, "max_hours"), "an energy-only store has max_hours 1 and efficiencies 1");
  }

  const auto& pr = study.projects;
  c.names(pr.name, "projects");
  std::map<std::pair<int, int>, std::size_t> owner;  // (asset kind, index) → project
  for (std::size_t i = 0; i < pr.size(); ++i) {
    for (const AssetRef& a : pr.assets[i]) {
      const auto [at, fresh] = owner.emplace(std::make_pair(static_cast<int>(a.kind), a.index), i);
      if (!fresh)
        c.fail(Checker::key("projects", i, "assets"),
               fmt::format("an asset belongs to one project only; it is already in '{}'", pr.name[at->second]));
    }
    const double lifetime = project_lifetime_years(study, i);
    if (!is_given(lifetime))
      c.fail(Checker::key("projects", i, "lifetime_years"), "is required: none of the project's assets has lifetime_years");
    for (std::size_t t = 0; t < pr.finance[i].tranches.size(); ++t) {
      const Tranche& tr = pr.finance[i].tranches[t];
      if (tr.tenor_years > lifetime)
        c.fail(fmt::format("projects[{}].finance.tranches[{}].tenor_years", i, t),
               fmt::format("a tenor of {} years is beyond the project's lifetime of {} years", tr.tenor_years, lifetime));
    }
    if (pr.revenue[i] == RevenueKind::ppa && !(pr.ppa_price_eur_per_mwh[i] >= 0))
      c.fail(Checker::key("projects", i, "ppa_price_eur_per_mwh"), "expected a price >= 0");
  }

  const auto& m = study.markets;
  c.names(m.name, "markets");
  for (std::size_t i = 0; i < m.size(); ++i) {
    c.reference(m.region[i], R, Checker::key("markets", i, "region"));
    const auto is_finite = [](double v) { return std::isfinite(v); };
    const auto limit = [](double v) { return v >= 0 && std::isfinite(v); };
    c.profile(m.export_price_eur_per_mwh[i], Checker::key("markets", i, "export_price_eur_per_mwh"), is_finite,
              "a finite price");
    c.profile(m.import_price_eur_per_mwh[i], Checker::key("markets", i, "import_price_eur_per_mwh"), is_finite,
              "a finite price");
    c.profile(m.max_export_mw[i], Checker::key("markets", i, "max_export_mw"), limit, "a limit >= 0 MW");
    c.profile(m.max_import_mw[i], Checker::key("markets", i, "max_import_mw"), limit, "a limit >= 0 MW");
    // Buying to sell back at a profit in the same hour would make the LP unbounded-looking.
    const std::size_t n = m.export_price_eur_per_mwh[i].is_constant() && m.import_price_eur_per_mwh[i].is_constant() ? 1 : T;
    for (std::size_t t = 0; t < n; ++t)
      if (m.export_price_eur_per_mwh[i].at(study.series, t) > m.import_price_eur_per_mwh[i].at(study.series, t) &&
          m.max_import_mw[i].at(study.series, t) > 0 && m.max_export_mw[i].at(study.series, t) > 0) {
        log.warn("markets[{}] ({}): export price exceeds import price at snapshot {}; the optimum will import "
                 "to re-export up to the limits",
                 i, m.name[i], t);
        break;
      }
  }

  const auto& p = study.policies;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto k = [&](const char* a) { return Checker::key("policies", i, a); };
    for (int r : p.regions[i]) c.reference(r, R, k("regions"));
    switch (p.kind[i]) {
      case PolicyKind::co2_cap: c.non_negative(p.value[i], k("t_per_year")); break;
      case PolicyKind::min_renewable_share:
        if (!(p.value[i] >= 0 && p.value[i] <= 1)) c.fail(k("share"), fmt::format("expected a share in [0, 1], got {}", p.value[i]));
        break;
      case PolicyKind::max_capacity:
      case PolicyKind::min_capacity: {
        c.reference(p.carrier[i], study.carriers.size(), k("carrier"));
        c.non_negative(p.value[i], k("mw"));
        c.finite(p.value[i], k("mw"));
        // The limit must be reachable at all: existing capacity alone may already break it.
        double fixed = 0, possible = 0;
        for (std::size_t j = 0; j < g.size(); ++j) {
          if (g.carrier[j] != p.carrier[i]) continue;
          bool in = false;
          for (int r : p.regions[i]) in = in || r == g.region[j];
          if (!in) continue;
          const double floor = g.invest.extendable[j] ? std::max(g.invest.p_nom_mw[j], g.invest.p_nom_min_mw[j]) : g.invest.p_nom_mw[j];
          fixed += floor;
          possible += g.invest.extendable[j] ? g.invest.p_nom_max_mw[j] : g.invest.p_nom_mw[j];
        }
        if (p.kind[i] == PolicyKind::max_capacity && fixed > p.value[i] + 1e-9)
          c.fail(k("mw"), fmt::format("cannot hold: existing and minimum capacity already add up to {} MW", fixed));
        if (p.kind[i] == PolicyKind::min_capacity && possible < p.value[i] - 1e-9)
          c.fail(k("mw"), fmt::format("cannot hold: the capacity that may be built adds up to {} MW only", possible));
        break;
      }
    }
  }
}

}  // namespace silkgrid::model
