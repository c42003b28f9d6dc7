#include "model/synthetic.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numeric>
#include <random>

namespace silkgrid::model {

Study synthetic_chain(const SyntheticOptions& o) {
  Study s;
  s.file = fmt::format("<synthetic chain {}x{} seed {}>", o.regions, o.snapshots, o.seed);
  s.settings.name = fmt::format("chain-{}x{}", o.regions, o.snapshots);
  s.time = core::regular_time_axis("2030-01-01T00:00", static_cast<std::size_t>(o.snapshots), o.snapshot_hours);
  std::mt19937_64 rng(o.seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);

  s.carriers.name = {"gas", "wind", "solar"};
  s.carriers.co2_t_per_mwh_fuel = {0.2, 0.0, 0.0};
  s.carriers.renewable = {0, 1, 1};

  const auto T = static_cast<std::size_t>(o.snapshots);
  for (int r = 0; r < o.regions; ++r) {
    const std::string name = fmt::format("R{}", r);
    s.regions.name.push_back(name);
    s.regions.country.push_back(fmt::format("C{}", r / 2));
    s.regions.lat.push_back(40.0 + 0.5 * r);
    s.regions.lon.push_back(30.0 + 2.0 * r);

    std::vector<double> wind(T), solar(T), load(T);
    double state = normal(rng);
    const double phase = uniform(rng) * 2.0;
    const double base_load = 500.0 + 500.0 * uniform(rng);
    for (std::size_t t = 0; t < T; ++t) {
      const double hour = std::fmod(o.snapshot_hours * static_cast<double>(t), 24.0);
      state = 0.95 * state + std::sqrt(1 - 0.95 * 0.95) * normal(rng);
      wind[t] = 1.0 / (1.0 + std::exp(-(1.5 * state - 0.4)));
      const double sun = std::cos((hour - 12.0 - phase) * M_PI / 12.0);
      solar[t] = sun > 0 ? sun * (0.6 + 0.3 * uniform(rng)) : 0.0;
      load[t] = base_load * (1.0 + 0.2 * std::sin((hour - 8.0) * M_PI / 12.0) + 0.05 * normal(rng));
    }
    const int wind_col = static_cast<int>(s.series.names.size());
    s.series.names.push_back(name + "-wind");
    s.series.values.push_back(std::move(wind));
    s.series.names.push_back(name + "-solar");
    s.series.values.push_back(std::move(solar));
    s.series.names.push_back(name + "-load");
    s.series.values.push_back(std::move(load));

    s.loads.name.push_back(name + "-load");
    s.loads.region.push_back(r);
    s.loads.p_mw.push_back(Profile{0.0, wind_col + 2, 1.0});

    auto& g = s.generators;
    auto add = [&](const char* kind, int carrier, int profile_col, double capex, double fom, double life, double eff,
                   double fuel, double vom) {
      g.name.push_back(name + "-" + kind);
      g.region.push_back(r);
      g.carrier.push_back(carrier);
      g.invest.push(0.0, true, 0.0, unlimited, fom, life, not_given);
      g.capex_eur_per_kw.push_back(capex);
      g.efficiency.push_back(eff);
      g.fuel_eur_per_mwh_fuel.push_back(fuel);
      g.vom_eur_per_mwh.push_back(vom);
      g.p_max_pu.push_back(profile_col < 0 ? Profile::fixed(1.0) : Profile{0.0, profile_col, 1.0});
      g.p_min_pu.push_back(Profile::fixed(0.0));
      g.marginal_cost_series.push_back(Profile::fixed(not_given));
    };
    add("wind", 1, wind_col, 1383, 1.22, 30, 1.0, 0.0, 1.8);
    add("solar", 2, wind_col + 1, 482, 2.48, 40, 1.0, 0.0, 0.0);
    add("gas", 0, -1, 581, 1.78, 25, 0.41, 28.4, 6.0);

    auto& st = s.storage;
    st.name.push_back(name + "-battery");
    st.region.push_back(r);
    st.carrier.push_back(-1);
    st.invest.push(0.0, true, 0.0, unlimited, 0.34, 25, not_given);
    st.max_hours.push_back(4.0);
    st.efficiency_store.push_back(0.96);
    st.efficiency_dispatch.push_back(0.96);
    st.standing_loss_per_hour.push_back(0.0);
    st.capex_eur_per_kw.push_back(214);
    st.capex_eur_per_kwh.push_back(190);
    st.marginal_cost_eur_per_mwh.push_back(0.0);
    st.push_defaults();

    if (r > 0) {
      auto& l = s.links;
      l.name.push_back(fmt::format("L{}-{}", r - 1, r));
      l.from.push_back(r - 1);
      l.to.push_back(r);
      l.invest.push(0.0, true, 0.0, unlimited, 1.5, 40, not_given);
      l.kind.push_back(LinkKind::hvdc_overhead);
      l.length_km.push_back(200.0 + 300.0 * uniform(rng));
      l.capex_eur_per_mw_km.push_back(600);
      l.capex_eur_per_kw.push_back(0);
      l.efficiency.push_back(0.97);
      l.bidirectional.push_back(1);
      l.marginal_cost_eur_per_mwh.push_back(0.0);
      l.p_min_pu.push_back(Profile::fixed(0.0));
      l.p_max_pu.push_back(Profile::fixed(1.0));
    }
  }
  if (o.with_market) {
    s.markets.name.push_back("export");
    s.markets.region.push_back(o.regions - 1);
    s.markets.export_price_eur_per_mwh.push_back(Profile::fixed(60.0));
    s.markets.import_price_eur_per_mwh.push_back(Profile::fixed(150.0));
    s.markets.max_export_mw.push_back(Profile::fixed(300.0));
    s.markets.max_import_mw.push_back(Profile::fixed(100.0));
  }
  if (o.with_policies) {
    std::vector<int> all(static_cast<std::size_t>(o.regions));
    std::iota(all.begin(), all.end(), 0);
    double energy = 0;
    for (std::size_t l = 0; l < s.loads.size(); ++l)
      for (std::size_t t = 0; t < T; ++t) energy += s.time.weights[t] * s.loads.p_mw[l].at(s.series, t);
    s.policies.name = {"co2", "renewables"};
    s.policies.kind = {PolicyKind::co2_cap, PolicyKind::min_renewable_share};
    s.policies.regions = {all, all};
    s.policies.carrier = {-1, -1};
    s.policies.carriers = {{}, {}};
    // A cap at a third of the all-gas emissions, and a 40% renewable share.
    s.policies.value = {energy * 0.2 / 0.41 / 3.0, 0.4};
  }
  return s;
}

}  // namespace silkgrid::model
