#include "reliability/ensemble.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/percentile.hpp"
#include "model/limits.hpp"
#include "weather/random.hpp"

namespace silkgrid::reliability {

namespace {
constexpr double unserved_tolerance_mw = 1e-3;  // an hour "with unserved energy" sheds more than 1 kW

void fix(model::Investment& invest, std::size_t i, double capacity) {
  invest.extendable[i] = 0;
  invest.p_nom_mw[i] = capacity;
  invest.p_nom_min_mw[i] = 0;
  invest.p_nom_max_mw[i] = model::unlimited;
}
}  // namespace

Capacities capacities_of(const model::Study& study, const model::Results& r) {
  Capacities c;
  c.generator = r.generator_capacity_mw;
  c.link = r.link_capacity_mw;
  c.line = r.line_capacity_mw;
  for (std::size_t i = 0; i < study.storage.size(); ++i)
    c.storage.push_back(study.storage.energy_only[i] ? r.storage_energy_mwh[i] : r.storage_power_mw[i]);
  return c;
}

void fix_capacities(model::Study& study, const Capacities& c) {
  for (std::size_t i = 0; i < study.generators.size(); ++i) fix(study.generators.invest, i, c.generator[i]);
  for (std::size_t i = 0; i < study.links.size(); ++i) fix(study.links.invest, i, c.link[i]);
  for (std::size_t i = 0; i < study.lines.size(); ++i) fix(study.lines.invest, i, c.line[i]);
  for (std::size_t i = 0; i < study.storage.size(); ++i) fix(study.storage.invest, i, c.storage[i]);
  study.policies = model::Policies{};
}

std::uint64_t year_seed(std::uint64_t seed, std::size_t index) {
  return weather::stream_seed(seed, fmt::format("ensemble-year:{}", index)) %
         static_cast<std::uint64_t>(model::limits::seed_max);
}

bool low_is_bad(const std::string& q) {
  for (const char* low : {"exports_mwh", "export_revenue_eur", "renewable_share", "energy_mwh", "revenue_eur", "dscr_min",
                          "capture_price_eur_per_mwh", "available_share"})
    if (q == low) return true;
  return false;
}

double percentile(std::vector<double> values, double q) { return core::percentile(std::move(values), q); }

Statistics statistics(const std::vector<double>& v, bool low_bad) {
  Statistics s;
  if (v.empty()) return s;
  const double n = static_cast<double>(v.size());
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  double ss = 0;
  for (double x : v) ss += (x - s.mean) * (x - s.mean);
  s.std = v.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
  s.stderr_mean = s.std / std::sqrt(n);
  s.p10 = percentile(v, 0.1);
  s.p50 = percentile(v, 0.5);
  s.p90 = percentile(v, 0.9);
  s.worst = low_bad ? *std::min_element(v.begin(), v.end()) : *std::max_element(v.begin(), v.end());
  return s;
}

std::vector<Figure> year_figures(const model::Study& study, const model::Results& r,
                                 const std::vector<model::ProjectAppraisal>& projects) {
  std::vector<Figure> out;
  const auto add = [&](const std::string& scope, const std::string& name, const std::string& q, double v) {
    out.push_back(Figure{scope, name, q, v});
  };
  const std::size_t T = study.snapshots();
  const auto& w = study.time.weights;
  const std::size_t R = study.regions.size();

  // Regions grouped by country, in order of first appearance.
  std::vector<std::string> countries;
  std::vector<int> country_of(R);
  for (std::size_t i = 0; i < R; ++i) {
    const auto it = std::find(countries.begin(), countries.end(), study.regions.country[i]);
    country_of[i] = static_cast<int>(it - countries.begin());
    if (it == countries.end()) countries.push_back(study.regions.country[i]);
  }
  const std::size_t C = countries.size();
  std::vector<double> lole(C + 1, 0), eens(C + 1, 0), load(C + 1, 0), paid(C + 1, 0), co2(C + 1, 0), curtailed(C + 1, 0),
      renewable(C + 1, 0), generation(C + 1, 0);
  for (std::size_t t = 0; t < T; ++t) {
    std::vector<double> shed(C + 1, 0.0);
    for (std::size_t i = 0; i < R; ++i) {
      const auto c = static_cast<std::size_t>(country_of[i]);
      shed[c] += r.region_unserved(i, t);
      shed[C] += r.region_unserved(i, t);
      const double energy = w[t] * r.region_load(i, t);
      load[c] += energy, load[C] += energy;
      paid[c] += energy * r.region_price(i, t), paid[C] += energy * r.region_price(i, t);
    }
    for (std::size_t c = 0; c <= C; ++c)
      if (shed[c] > unserved_tolerance_mw) lole[c] += w[t];
  }
  for (std::size_t i = 0; i < R; ++i) {
    const auto c = static_cast<std::size_t>(country_of[i]);
    eens[c] += r.region_unserved_mwh[i], eens[C] += r.region_unserved_mwh[i];
    co2[c] += r.region_co2_t[i], co2[C] += r.region_co2_t[i];
  }
  for (std::size_t g = 0; g < study.generators.size(); ++g) {
    const auto c = static_cast<std::size_t>(country_of[static_cast<std::size_t>(study.generators.region[g])]);
    curtailed[c] += r.generator_curtailment_mwh[g], curtailed[C] += r.generator_curtailment_mwh[g];
    generation[c] += r.generator_energy_mwh[g], generation[C] += r.generator_energy_mwh[g];
    if (study.carriers.renewable[static_cast<std::size_t>(study.generators.carrier[g])])
      renewable[c] += r.generator_energy_mwh[g], renewable[C] += r.generator_energy_mwh[g];
  }
  const auto area = [&](const std::string& scope, const std::string& name, std::size_t c) {
    add(scope, name, "lole_h_per_year", lole[c]);
    add(scope, name, "eens_mwh_per_year", eens[c]);
    add(scope, name, "unserved_share", load[c] > 0 ? eens[c] / load[c] : 0.0);
    add(scope, name, "price_eur_per_mwh", load[c] > 0 ? paid[c] / load[c] : 0.0);
    add(scope, name, "co2_t", co2[c]);
    add(scope, name, "curtailment_mwh", curtailed[c]);
    add(scope, name, "renewable_share", generation[c] > 0 ? renewable[c] / generation[c] : 0.0);
  };
  area("system", "", C);
  // The year's dispatch cost: operation + imports − exports + unserved (the capacities' annuities are
  // the same every year and not in it).
  add("system", "", "dispatch_cost_eur", r.objective_eur);
  double exports = 0, revenue = 0, imports = 0;
  for (std::size_t m = 0; m < study.markets.size(); ++m) {
    exports += r.market_exports_mwh[m], revenue += r.market_export_revenue_eur[m], imports += r.market_imports_mwh[m];
  }
  add("system", "", "exports_mwh", exports);
  add("system", "", "export_revenue_eur", revenue);
  add("system", "", "imports_mwh", imports);
  for (std::size_t c = 0; c < C; ++c) area("countries", countries[c], c);
  for (std::size_t m = 0; m < study.markets.size(); ++m) {
    add("markets", study.markets.name[m], "exports_mwh", r.market_exports_mwh[m]);
    add("markets", study.markets.name[m], "export_revenue_eur", r.market_export_revenue_eur[m]);
    add("markets", study.markets.name[m], "imports_mwh", r.market_imports_mwh[m]);
  }
  // Links: utilisation of the built capacity, and hours at the capacity in service (congested).
  for (std::size_t k = 0; k < study.links.size(); ++k) {
    const double cap = r.link_capacity_mw[k];
    if (!(cap > 0)) continue;
    double sent = 0, congested = 0, available = 0;
    for (std::size_t t = 0; t < T; ++t) {
      const double flow = std::max(r.link_forward(k, t), r.link_backward(k, t));
      const double limit = cap * study.links.p_max_pu[k].at(study.series, t);
      sent += w[t] * (r.link_forward(k, t) + r.link_backward(k, t));
      available += w[t] * std::min(1.0, study.links.p_max_pu[k].at(study.series, t));
      if (limit > 0 && flow >= limit * (1 - 1e-6) - 1e-6) congested += w[t];
    }
    const double hours = study.time.total_hours();
    add("links", study.links.name[k], "flow_mwh", sent);
    add("links", study.links.name[k], "utilisation", hours > 0 ? sent / (cap * hours) : 0.0);
    add("links", study.links.name[k], "congestion_h", congested);
    add("links", study.links.name[k], "available_share", hours > 0 ? available / hours : 0.0);
  }
  for (const auto& p : projects) {
    add("projects", p.name, "energy_mwh", p.annual_energy_mwh);
    add("projects", p.name, "revenue_eur", p.revenue_eur_per_year);
    add("projects", p.name, "capture_price_eur_per_mwh", p.capture_price_eur_per_mwh);
    if (p.dscr_min) add("projects", p.name, "dscr_min", *p.dscr_min);
  }
  return out;
}

}  // namespace silkgrid::reliability
