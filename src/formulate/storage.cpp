// Storage, PyPSA's StorageUnit and Store. The level balance, with h_t the store weight:
//   e[t] − (1−σ)^{h_t}·e[t−1] − η_c·h_t·c[t] + h_t·d[t]/η_d + h_t·spill[t] = h_t·inflow[t]
// where e[−1] = e[T−1] when cyclic; otherwise the first row has e[−1] = initial on the right
// (no standing loss on it, as in PyPSA). Limits per unit of the capacity S:
//   c ≤ charge_max_pu·S, d ≤ dispatch_max_pu·S,
//   level_min_pu·max_hours·S ≤ e ≤ level_max_pu·max_hours·S, spill ≤ inflow,
// bounds when S is fixed, rows when it is extendable; e is fixed where level_set is given.
// An energy-only store (PyPSA Store) has no power limit: c is fixed at 0 and d is free.
// Costs: weight · (marginal cost · d + marginal_cost_storage · e + spill cost · spill).
#include <cmath>

#include "formulate/problem.hpp"

namespace silkgrid::formulate {

namespace {
void set_rows(lp::LinearProgram& lp, int first, std::size_t T, double lower, double upper) {
  if (first == none) return;
  for (std::size_t t = 0; t < T; ++t) {
    lp.row_lower[static_cast<std::size_t>(first) + t] = lower;
    lp.row_upper[static_cast<std::size_t>(first) + t] = upper;
  }
}
}  // namespace

double storage_keep(const model::Study& study, std::size_t s, std::size_t t) {
  return std::pow(1.0 - study.storage.standing_loss_per_hour[s], study.time.store_weight(t));
}

void storage_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& st = problem.study.storage;
  const auto& series = problem.study.series;
  const auto& L = problem.layout;
  const std::size_t T = problem.T();
  for (std::size_t s = 0; s < st.size(); ++s) {
    const bool fixed = L.storage_capacity[s] == none;
    const double cap = st.invest.p_nom_mw[s];
    const double energy = cap * st.max_hours[s];
    const bool store = st.energy_only[s] != 0;
    for (std::size_t t = 0; t < T; ++t) {
      const double w = problem.weight(t);
      const auto c = static_cast<std::size_t>(L.c(s, t)), d = static_cast<std::size_t>(L.d(s, t));
      const auto e = static_cast<std::size_t>(L.e(s, t));
      if (store) {
        lp.col_upper[c] = 0.0;
        lp.col_lower[d] = -lp::infinity;
        lp.col_upper[d] = lp::infinity;
      } else {
        lp.col_upper[c] = fixed ? std::max(0.0, st.charge_max_pu[s].at(series, t) * cap) : lp::infinity;
        lp.col_upper[d] = fixed ? std::max(0.0, st.dispatch_max_pu[s].at(series, t) * cap) : lp::infinity;
      }
      const double min_pu = st.level_min_pu[s].at(series, t);
      lp.col_lower[e] = fixed ? min_pu * energy : (min_pu < 0 ? -lp::infinity : 0.0);
      lp.col_upper[e] = fixed ? st.level_max_pu[s].at(series, t) * energy : lp::infinity;
      const double set = st.level_set_mwh[s].at(series, t);
      if (model::is_given(set)) lp.col_lower[e] = lp.col_upper[e] = set;
      lp.cost[d] = st.marginal_cost_eur_per_mwh[s] * w;
      lp.cost[e] = st.marginal_cost_storage_eur_per_mwh_h[s] * w;
      const double inflow = st.inflow_mw[s].at(series, t);
      const auto level = static_cast<std::size_t>(L.level_row(s, t));
      double rhs = problem.study.time.store_weight(t) * inflow;
      if (t == 0 && !st.cyclic[s]) rhs += st.initial_mwh[s];
      lp.row_lower[level] = lp.row_upper[level] = rhs;
      if (L.spill[s] != none) {
        const auto j = static_cast<std::size_t>(L.spill_col(s, t));
        lp.col_upper[j] = inflow;
        lp.cost[j] = st.spill_cost_eur_per_mwh[s] * w;
      }
    }
    if (fixed) continue;
    set_rows(lp, L.storage_charge_max[s], T, -lp::infinity, 0.0);
    set_rows(lp, L.storage_discharge_max[s], T, -lp::infinity, 0.0);
    set_rows(lp, L.storage_energy_max[s], T, -lp::infinity, 0.0);
    set_rows(lp, L.storage_energy_min[s], T, 0.0, lp::infinity);
  }
}

template <typename Sink>
void storage_entries(const Problem& problem, Sink& sink) {
  const auto& st = problem.study.storage;
  const auto& series = problem.study.series;
  const auto& L = problem.layout;
  const std::size_t T = problem.T();
  for (std::size_t s = 0; s < st.size(); ++s) {
    for (std::size_t t = 0; t < T; ++t) {
      const int row = L.level_row(s, t);
      const double h = problem.study.time.store_weight(t);
      const double keep = storage_keep(problem.study, s, t);
      const bool carries = t > 0 || st.cyclic[s];
      const std::size_t previous = t == 0 ? T - 1 : t - 1;
      if (carries && previous == t) {
        sink.add(row, L.e(s, t), 1.0 - keep);  // one cyclic snapshot: e − keep·e
      } else {
        sink.add(row, L.e(s, t), 1.0);
        if (carries) sink.add(row, L.e(s, previous), -keep);
      }
      sink.add(row, L.c(s, t), -st.efficiency_store[s] * h);
      sink.add(row, L.d(s, t), h / st.efficiency_dispatch[s]);
      if (L.spill[s] != none) sink.add(row, L.spill_col(s, t), h);
    }
    const int S = L.storage_capacity[s];
    if (S == none) continue;
    for (std::size_t t = 0; t < T; ++t) {
      const int ti = static_cast<int>(t);
      if (L.storage_charge_max[s] != none) {
        sink.add(L.storage_charge_max[s] + ti, L.c(s, t), 1.0);
        sink.add(L.storage_charge_max[s] + ti, S, -st.charge_max_pu[s].at(series, t));
        sink.add(L.storage_discharge_max[s] + ti, L.d(s, t), 1.0);
        sink.add(L.storage_discharge_max[s] + ti, S, -st.dispatch_max_pu[s].at(series, t));
      }
      sink.add(L.storage_energy_max[s] + ti, L.e(s, t), 1.0);
      sink.add(L.storage_energy_max[s] + ti, S, -st.max_hours[s] * st.level_max_pu[s].at(series, t));
      if (L.storage_energy_min[s] != none) {
        sink.add(L.storage_energy_min[s] + ti, L.e(s, t), 1.0);
        sink.add(L.storage_energy_min[s] + ti, S, -st.max_hours[s] * st.level_min_pu[s].at(series, t));
      }
    }
  }
}

template void storage_entries<CountSink>(const Problem&, CountSink&);
template void storage_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
