// Storage, cyclic over the horizon:
//   e[t] − (1−σ)^{w_t}·e[t−1] − η_c·w_t·c[t] + w_t·d[t]/η_d = 0   (e[−1] = e[T−1])
// with c, d ≤ S and e ≤ max_hours·S (bounds when S is fixed, rows when extendable).
#include <cmath>

#include "formulate/problem.hpp"

namespace silkgrid::formulate {

void storage_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& st = problem.study.storage;
  const auto& L = problem.layout;
  for (std::size_t s = 0; s < st.size(); ++s) {
    const bool fixed = L.storage_capacity[s] == none;
    const double power = fixed ? st.invest.p_nom_mw[s] : lp::infinity;
    const double energy = fixed ? st.invest.p_nom_mw[s] * st.max_hours[s] : lp::infinity;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      lp.col_upper[static_cast<std::size_t>(L.c(s, t))] = power;
      lp.col_upper[static_cast<std::size_t>(L.d(s, t))] = power;
      lp.col_upper[static_cast<std::size_t>(L.e(s, t))] = energy;
      lp.cost[static_cast<std::size_t>(L.d(s, t))] = st.marginal_cost_eur_per_mwh[s] * problem.weight(t);
      const auto level = static_cast<std::size_t>(L.level_row(s, t));
      lp.row_lower[level] = lp.row_upper[level] = 0.0;
    }
    if (fixed) continue;
    for (int first : {L.storage_charge_max[s], L.storage_discharge_max[s], L.storage_energy_max[s]})
      for (std::size_t t = 0; t < problem.T(); ++t) {
        lp.row_lower[static_cast<std::size_t>(first) + t] = -lp::infinity;
        lp.row_upper[static_cast<std::size_t>(first) + t] = 0.0;
      }
  }
}

template <typename Sink>
void storage_entries(const Problem& problem, Sink& sink) {
  const auto& st = problem.study.storage;
  const auto& L = problem.layout;
  const std::size_t T = problem.T();
  for (std::size_t s = 0; s < st.size(); ++s) {
    const double keep_per_hour = 1.0 - st.standing_loss_per_hour[s];
    for (std::size_t t = 0; t < T; ++t) {
      const int row = L.level_row(s, t);
      const double w = problem.weight(t);
      const double keep = std::pow(keep_per_hour, w);
      const std::size_t previous = t == 0 ? T - 1 : t - 1;
      if (previous == t) {
        sink.add(row, L.e(s, t), 1.0 - keep);  // one snapshot: e − keep·e
      } else {
        sink.add(row, L.e(s, t), 1.0);
        sink.add(row, L.e(s, previous), -keep);
      }
      sink.add(row, L.c(s, t), -st.efficiency_store[s] * w);
      sink.add(row, L.d(s, t), w / st.efficiency_dispatch[s]);
    }
    const int S = L.storage_capacity[s];
    if (S == none) continue;
    for (std::size_t t = 0; t < T; ++t) {
      const int ti = static_cast<int>(t);
      sink.add(L.storage_charge_max[s] + ti, L.c(s, t), 1.0);
      sink.add(L.storage_charge_max[s] + ti, S, -1.0);
      sink.add(L.storage_discharge_max[s] + ti, L.d(s, t), 1.0);
      sink.add(L.storage_discharge_max[s] + ti, S, -1.0);
      sink.add(L.storage_energy_max[s] + ti, L.e(s, t), 1.0);
      sink.add(L.storage_energy_max[s] + ti, S, -st.max_hours[s]);
    }
  }
}

template void storage_entries<CountSink>(const Problem&, CountSink&);
template void storage_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
