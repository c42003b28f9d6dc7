#include "model/validate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <unordered_set>

#include "core/error.hpp"
#include "model/costs.hpp"
#include "model/limits.hpp"

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
  // |v| ≤ the limit of its quantity (model/limits.hpp); NaN and ±∞ fail too.
  void at_most(double v, const limits::Limit& limit, const Key& k) const {
    if (!(std::abs(v) <= limit.max))
      fail(k, fmt::format("expected at most {:g} {} (silkgrid's limit for this quantity, README \"Bad input\"), got {:g}",
                          limit.max, limit.unit, v));
  }
  // 0 ≤ v ≤ the limit.
  void in_range(double v, const limits::Limit& limit, const Key& k) const {
    non_negative(v, k);
    at_most(v, limit, k);
  }
  static auto within(const limits::Limit& limit, bool signed_values = false) {
    return [max = limit.max, signed_values](double v) { return (signed_values || v >= 0) && std::abs(v) <= max; };
  }
  static std::string expected(const char* what, const limits::Limit& limit, bool signed_values = false) {
    return fmt::format("{} {} {:g} {} (silkgrid's limit, README \"Bad input\")", what,
                       signed_values ? "of magnitude at most" : "in [0,", limit.max,
                       std::string(limit.unit) + (signed_values ? "" : "]"));
  }
  void efficiency(double v, const Key& k) const {
    if (!(v > 0 && v <= 1)) fail(k, fmt::format("expected an efficiency in (0, 1], got {}", v));
    // Costs and flows are divided by efficiencies: a tiny one makes an enormous coefficient.
    if (v < limits::efficiency_min)
      fail(k, fmt::format("expected an efficiency of at least {:g} (silkgrid's limit, README \"Bad input\"), got {:g}",
                          limits::efficiency_min, v));
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
    in_range(inv.p_nom_mw[i], limits::capacity, key(table, i, "p_nom_mw"));
    in_range(inv.fom_pct_per_year[i], limits::fom, key(table, i, "fom_pct_per_year"));
    if (has_capex && !is_given(inv.capital_cost_eur_per_mw_year[i]))
      positive(inv.lifetime_years[i], key(table, i, "lifetime_years"));
    // Projects take their lifetime from their assets': checked wherever given.
    if (is_given(inv.lifetime_years[i]) &&
        !(inv.lifetime_years[i] >= limits::lifetime_min && inv.lifetime_years[i] <= limits::lifetime.max))
      fail(key(table, i, "lifetime_years"), fmt::format("expected a lifetime in [{:g}, {:g}] years (silkgrid's limit, README \"Bad input\"), got {:g}",
                                                       limits::lifetime_min, limits::lifetime.max, inv.lifetime_years[i]));
    if (is_given(inv.capital_cost_eur_per_mw_year[i]))
      in_range(inv.capital_cost_eur_per_mw_year[i], limits::capital_cost, key(table, i, "capital_cost_eur_per_mw_year"));
    if (is_given(inv.discount_rate[i]) && !(inv.discount_rate[i] >= 0 && inv.discount_rate[i] < 1))
      fail(key(table, i, "discount_rate"), fmt::format("expected a rate in [0, 1), got {}", inv.discount_rate[i]));
    if (!inv.extendable[i]) return;
    in_range(inv.p_nom_min_mw[i], limits::capacity, key(table, i, "p_nom_min_mw"));
    non_negative(inv.p_nom_max_mw[i], key(table, i, "p_nom_max_mw"));
    if (!std::isinf(inv.p_nom_max_mw[i]))  // ∞ (the default): unlimited
      at_most(inv.p_nom_max_mw[i], limits::capacity, key(table, i, "p_nom_max_mw"));
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
  if (!std::isinf(study.settings.voll_eur_per_mwh)) c.at_most(study.settings.voll_eur_per_mwh, limits::price, "study.voll_eur_per_mwh");

  if (study.regions.size() == 0) c.fail("regions", "expected at least one region");
  c.names(study.regions.name, "regions");
  c.names(study.carriers.name, "carriers");
  for (std::size_t i = 0; i < study.carriers.size(); ++i)
    c.in_range(study.carriers.co2_t_per_mwh_fuel[i], limits::co2_factor, Checker::key("carriers", i, "co2_t_per_mwh_fuel"));
  for (std::size_t i = 0; i < study.regions.size() && !study.settings.from_pypsa; ++i) {  // PyPSA's x, y may be projected
    const double lat = study.regions.lat[i], lon = study.regions.lon[i];
    if (is_given(lat) && !(lat >= -90 && lat <= 90))
      c.fail(Checker::key("regions", i, "lat"), fmt::format("expected a latitude in [-90, 90], got {:g}", lat));
    if (is_given(lon) && !(lon >= -180 && lon <= 180))
      c.fail(Checker::key("regions", i, "lon"), fmt::format("expected a longitude in [-180, 180], got {:g}", lon));
  }

  const std::size_t R = study.regions.size();
  const auto& loads = study.loads;
  c.names(loads.name, "loads");
  for (std::size_t i = 0; i < loads.size(); ++i) {
    c.reference(loads.region[i], R, Checker::key("loads", i, "region"));
    c.profile(loads.p_mw[i], Checker::key("loads", i, "p_mw"), Checker::within(limits::power),
              Checker::expected("a load", limits::power).c_str());
  }

  const auto& g = study.generators;
  c.names(g.name, "generators");
  for (std::size_t i = 0; i < g.size(); ++i) {
    c.reference(g.region[i], R, Checker::key("generators", i, "region"));
    c.reference(g.carrier[i], study.carriers.size(), Checker::key("generators", i, "carrier"));
    c.investment(g.invest, i, "generators", g.capex_eur_per_kw[i] > 0);
    c.in_range(g.capex_eur_per_kw[i], limits::capex_per_kw, Checker::key("generators", i, "capex_eur_per_kw"));
    c.efficiency(g.efficiency[i], Checker::key("generators", i, "efficiency"));
    c.in_range(g.fuel_eur_per_mwh_fuel[i], limits::price, Checker::key("generators", i, "fuel_eur_per_mwh_fuel"));
    c.at_most(g.vom_eur_per_mwh[i], limits::price, Checker::key("generators", i, "vom_eur_per_mwh"));
    // A tiny efficiency turns a modest fuel price or CO2 factor into an enormous coefficient.
    const double marginal = marginal_cost_eur_per_mwh(study, i);
    if (!(std::abs(marginal) <= limits::price.max))
      c.fail(Checker::key("generators", i, "efficiency"),
             fmt::format("fuel_eur_per_mwh_fuel / efficiency + vom_eur_per_mwh = {:g} EUR/MWh: expected at most {:g} {} "
                         "(silkgrid's limit for prices)", marginal, limits::price.max, limits::price.unit));
    if (g.carrier[i] >= 0 && static_cast<std::size_t>(g.carrier[i]) < study.carriers.size() &&
        !(co2_t_per_mwh(study, i) <= 100 * limits::co2_factor.max))
      c.fail(Checker::key("generators", i, "efficiency"),
             fmt::format("co2_t_per_mwh_fuel / efficiency = {:g} t/MWh: expected at most {:g} t/MWh", co2_t_per_mwh(study, i),
                         100 * limits::co2_factor.max));
    c.profile(g.p_max_pu[i], Checker::key("generators", i, "p_max_pu"), [](double v) { return v >= -1 && v <= 1; },
              "a per-unit value in [-1, 1]");
    c.profile(g.p_min_pu[i], Checker::key("generators", i, "p_min_pu"), [](double v) { return v >= -1 && v <= 1; },
              "a per-unit value in [-1, 1]");
    if (!g.marginal_cost_series[i].is_constant())
      c.profile(g.marginal_cost_series[i], Checker::key("generators", i, "marginal_cost"),
                Checker::within(limits::price, true), Checker::expected("a cost", limits::price, true).c_str());
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
    c.in_range(l.length_km[i], limits::length, Checker::key("links", i, "length_km"));
    c.in_range(l.capex_eur_per_mw_km[i], limits::capex_per_mw_km, Checker::key("links", i, "capex_eur_per_mw_km"));
    c.in_range(l.capex_eur_per_kw[i], limits::capex_per_kw, Checker::key("links", i, "capex_eur_per_kw"));
    // In a PyPSA network an efficiency above 1 is a conversion (a heat pump's COP), not a loss.
    if (study.settings.from_pypsa) {
      if (!(l.efficiency[i] > 0 && std::isfinite(l.efficiency[i])))
        c.fail(Checker::key("links", i, "efficiency"), fmt::format("expected an efficiency > 0, got {}", l.efficiency[i]));
    } else {
      c.efficiency(l.efficiency[i], Checker::key("links", i, "efficiency"));
    }
    c.at_most(l.marginal_cost_eur_per_mwh[i], limits::price, Checker::key("links", i, "marginal_cost_eur_per_mwh"));
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
    c.in_range(ln.length_km[i], limits::length, Checker::key("lines", i, "length_km"));
    c.in_range(ln.capex_eur_per_mw_km[i], limits::capex_per_mw_km, Checker::key("lines", i, "capex_eur_per_mw_km"));
    if (!ln.transformer[i] && is_given(ln.v_nom_kv[i])) {
      c.at_most(ln.v_nom_kv[i], limits::voltage, Checker::key("lines", i, "v_nom_kv"));
      c.at_most(ln.kind[i] == LineKind::ac ? ln.x_ohm[i] : ln.r_ohm[i], limits::impedance,
                Checker::key("lines", i, ln.kind[i] == LineKind::ac ? "x_ohm" : "r_ohm"));
    }
  }

  const auto& s = study.storage;
  c.names(s.name, "storage", per_kind ? &s.energy_only : nullptr);
  for (std::size_t i = 0; i < s.size(); ++i) {
    c.reference(s.region[i], R, Checker::key("storage", i, "region"));
    c.investment(s.invest, i, "storage", s.capex_eur_per_kw[i] > 0 || s.capex_eur_per_kwh[i] > 0);
    c.positive(s.max_hours[i], Checker::key("storage", i, "max_hours"));
    c.at_most(s.max_hours[i], limits::max_hours, Checker::key("storage", i, "max_hours"));
    c.efficiency(s.efficiency_store[i], Checker::key("storage", i, "efficiency_store"));
    c.efficiency(s.efficiency_dispatch[i], Checker::key("storage", i, "efficiency_dispatch"));
    if (!(s.standing_loss_per_hour[i] >= 0 && s.standing_loss_per_hour[i] < 1))
      c.fail(Checker::key("storage", i, "standing_loss_per_hour"),
             fmt::format("expected a fraction in [0, 1), got {}", s.standing_loss_per_hour[i]));
    c.in_range(s.capex_eur_per_kw[i], limits::capex_per_kw, Checker::key("storage", i, "capex_eur_per_kw"));
    c.in_range(s.capex_eur_per_kwh[i], limits::capex_per_kwh, Checker::key("storage", i, "capex_eur_per_kwh"));
    if (!s.energy_only[i])
      c.non_negative(s.marginal_cost_eur_per_mwh[i], Checker::key("storage", i, "marginal_cost_eur_per_mwh"));
    c.at_most(s.marginal_cost_eur_per_mwh[i], limits::price, Checker::key("storage", i, "marginal_cost_eur_per_mwh"));
    c.at_most(s.marginal_cost_storage_eur_per_mwh_h[i], limits::price, Checker::key("storage", i, "marginal_cost_storage"));
    // A level below 0 cannot be (the LP would only say "infeasible").
    c.in_range(s.initial_mwh[i], limits::energy, Checker::key("storage", i, "initial_mwh"));
    c.at_most(s.spill_cost_eur_per_mwh[i], limits::price, Checker::key("storage", i, "spill_cost_eur_per_mwh"));
    const auto is_finite = [](double v) { return std::isfinite(v); };
    c.profile(s.inflow_mw[i], Checker::key("storage", i, "inflow_mw"), Checker::within(limits::power),
              Checker::expected("an inflow", limits::power).c_str());
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
    if (!(lifetime >= limits::lifetime_min && lifetime <= limits::lifetime.max))
      c.fail(Checker::key("projects", i, "lifetime_years"),
             fmt::format("expected a lifetime in [{:g}, {:g}] years, got {:g}", limits::lifetime_min, limits::lifetime.max, lifetime));
    if (pr.revenue[i] == RevenueKind::ppa && !(pr.ppa_price_eur_per_mwh[i] >= 0))
      c.fail(Checker::key("projects", i, "ppa_price_eur_per_mwh"), "expected a price >= 0");
    if (pr.revenue[i] == RevenueKind::ppa)
      c.at_most(pr.ppa_price_eur_per_mwh[i], limits::price, Checker::key("projects", i, "ppa_price_eur_per_mwh"));
    if (is_given(pr.credit_price_eur_per_t[i]))
      c.in_range(pr.credit_price_eur_per_t[i], limits::co2_price, fmt::format("projects[{}].carbon.credit_price_eur_per_t", i));
  }

  const auto& m = study.markets;
  c.names(m.name, "markets");
  for (std::size_t i = 0; i < m.size(); ++i) {
    c.reference(m.region[i], R, Checker::key("markets", i, "region"));
    const std::string price = Checker::expected("a price", limits::price, true), limit = Checker::expected("a limit", limits::power);
    c.profile(m.export_price_eur_per_mwh[i], Checker::key("markets", i, "export_price_eur_per_mwh"),
              Checker::within(limits::price, true), price.c_str());
    c.profile(m.import_price_eur_per_mwh[i], Checker::key("markets", i, "import_price_eur_per_mwh"),
              Checker::within(limits::price, true), price.c_str());
    c.profile(m.max_export_mw[i], Checker::key("markets", i, "max_export_mw"), Checker::within(limits::power), limit.c_str());
    c.profile(m.max_import_mw[i], Checker::key("markets", i, "max_import_mw"), Checker::within(limits::power), limit.c_str());
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
      case PolicyKind::co2_cap: c.in_range(p.value[i], limits::co2_cap, k("t_per_year")); break;
      case PolicyKind::min_renewable_share:
        if (!(p.value[i] >= 0 && p.value[i] <= 1)) c.fail(k("share"), fmt::format("expected a share in [0, 1], got {}", p.value[i]));
        break;
      case PolicyKind::max_capacity:
      case PolicyKind::min_capacity: {
        c.reference(p.carrier[i], study.carriers.size(), k("carrier"));
        c.in_range(p.value[i], limits::capacity, k("mw"));
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
