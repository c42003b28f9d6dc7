// Policies, one row each:
//   co2_cap:             Σ_t w_t Σ_g co2_g·p[g,t] + Σ_s co2_s·(initial_s − e[s,T−1]) ≤ t_per_year
//                        (generators in the regions, w = the generator weight; non-cyclic
//                        storage of an emitting carrier counts what it depletes, as in PyPSA)
//   min_renewable_share: Σ_t w_t Σ_g p[g,t] ≥ share · Σ_t w_t load  (renewable carriers, or the listed ones)
//   max_capacity:        Σ P[g] ≤ mw − existing fixed capacity      (carrier, regions)
//   min_capacity:        Σ P[g] ≥ mw − existing fixed capacity
#include <algorithm>

#include "formulate/problem.hpp"
#include "model/costs.hpp"

namespace silkgrid::formulate {

namespace {
bool in_regions(const std::vector<int>& regions, int region) {
  return std::find(regions.begin(), regions.end(), region) != regions.end();
}
}  // namespace

double storage_co2_t_per_mwh(const model::Study& study, std::size_t s) {
  const auto& st = study.storage;
  if (st.cyclic[s] || st.carrier[s] < 0) return 0.0;
  return study.carriers.co2_t_per_mwh_fuel[static_cast<std::size_t>(st.carrier[s])];
}

void policy_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& study = problem.study;
  const auto& pol = study.policies;
  for (std::size_t p = 0; p < pol.size(); ++p) {
    const int row = problem.layout.policy[p];
    if (row == none) continue;
    const auto i = static_cast<std::size_t>(row);
    switch (pol.kind[p]) {
      case model::PolicyKind::co2_cap: {
        double depleted_from = 0;  // Σ co2·initial of the counted storage, moved to the right
        for (std::size_t s = 0; s < study.storage.size(); ++s)
          if (in_regions(pol.regions[p], study.storage.region[s]))
            depleted_from += storage_co2_t_per_mwh(study, s) * study.storage.initial_mwh[s];
        lp.row_lower[i] = -lp::infinity;
        lp.row_upper[i] = pol.value[p] - depleted_from;
        break;
      }
      case model::PolicyKind::min_renewable_share: {
        double demand = 0;
        for (int r : pol.regions[p])
          for (std::size_t t = 0; t < problem.T(); ++t) demand += problem.weight(t) * problem.load(static_cast<std::size_t>(r), t);
        lp.row_lower[i] = pol.value[p] * demand;
        lp.row_upper[i] = lp::infinity;
        break;
      }
      case model::PolicyKind::max_capacity:
      case model::PolicyKind::min_capacity: {
        double fixed = 0;
        const auto& g = study.generators;
        for (std::size_t j = 0; j < g.size(); ++j)
          if (!g.invest.extendable[j] && g.carrier[j] == pol.carrier[p] && in_regions(pol.regions[p], g.region[j]))
            fixed += g.invest.p_nom_mw[j];
        const bool at_most = pol.kind[p] == model::PolicyKind::max_capacity;
        lp.row_lower[i] = at_most ? -lp::infinity : pol.value[p] - fixed;
        lp.row_upper[i] = at_most ? pol.value[p] - fixed : lp::infinity;
        break;
      }
    }
  }
}

template <typename Sink>
void policy_entries(const Problem& problem, Sink& sink) {
  const auto& study = problem.study;
  const auto& pol = study.policies;
  const auto& g = study.generators;
  const auto& L = problem.layout;
  for (std::size_t p = 0; p < pol.size(); ++p) {
    const int row = L.policy[p];
    if (row == none) continue;
    for (std::size_t j = 0; j < g.size(); ++j) {
      if (!in_regions(pol.regions[p], g.region[j])) continue;
      switch (pol.kind[p]) {
        case model::PolicyKind::co2_cap: {
          const double co2 = model::co2_t_per_mwh(study, j);
          for (std::size_t t = 0; t < problem.T(); ++t) sink.add(row, L.p(j, t), co2 * study.time.generator_weight(t));
          break;
        }
        case model::PolicyKind::min_renewable_share:
          if (!study.carriers.renewable[static_cast<std::size_t>(g.carrier[j])]) break;
          if (!pol.carriers[p].empty() &&
              std::find(pol.carriers[p].begin(), pol.carriers[p].end(), g.carrier[j]) == pol.carriers[p].end())
            break;
          for (std::size_t t = 0; t < problem.T(); ++t) sink.add(row, L.p(j, t), problem.weight(t));
          break;
        case model::PolicyKind::max_capacity:
        case model::PolicyKind::min_capacity:
          if (g.carrier[j] == pol.carrier[p] && L.generator_capacity[j] != none)
            sink.add(row, L.generator_capacity[j], 1.0);
          break;
      }
    }
    if (pol.kind[p] != model::PolicyKind::co2_cap || problem.T() == 0) continue;
    for (std::size_t s = 0; s < study.storage.size(); ++s)
      if (in_regions(pol.regions[p], study.storage.region[s]))
        sink.add(row, L.e(s, problem.T() - 1), -storage_co2_t_per_mwh(study, s));
  }
}

template void policy_entries<CountSink>(const Problem&, CountSink&);
template void policy_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
