// Link limits: p_min_pu·F ≤ f ≤ p_max_pu·F for the forward flow, 0 ≤ f⁻ ≤ p_max_pu·F for the
// backward one (bounds when F is fixed, rows when extendable). Losses sit in the balance (η on
// the receiving end). Cost: weight · marginal cost per MWh sent.
#include "formulate/problem.hpp"

namespace silkgrid::formulate {

void link_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& links = problem.study.links;
  const auto& L = problem.layout;
  for (std::size_t k = 0; k < links.size(); ++k) {
    const bool fixed = L.link_capacity[k] == none;
    const bool reversible = links.reversible(k, problem.study.series, problem.T());
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const double cap = links.invest.p_nom_mw[k];
      const double upper = fixed ? links.p_max_pu[k].at(problem.study.series, t) * cap : lp::infinity;
      const double lower = fixed ? links.p_min_pu[k].at(problem.study.series, t) * cap : reversible ? -lp::infinity : 0.0;
      const double cost = links.marginal_cost_eur_per_mwh[k] * problem.weight(t);
      const auto fwd = static_cast<std::size_t>(L.f_fwd(k, t));
      lp.col_lower[fwd] = lower;
      lp.col_upper[fwd] = upper;
      lp.cost[fwd] = cost;
      if (L.backward[k] != none) {
        const auto bwd = static_cast<std::size_t>(L.f_bwd(k, t));
        lp.col_upper[bwd] = std::max(0.0, upper);
        lp.cost[bwd] = cost;
      }
    }
    if (fixed) continue;
    for (int first : {L.link_forward_max[k], L.link_backward_max[k]}) {
      if (first == none) continue;
      for (std::size_t t = 0; t < problem.T(); ++t) {
        lp.row_lower[static_cast<std::size_t>(first) + t] = -lp::infinity;
        lp.row_upper[static_cast<std::size_t>(first) + t] = 0.0;
      }
    }
    if (L.link_forward_min[k] != none)
      for (std::size_t t = 0; t < problem.T(); ++t) {
        lp.row_lower[static_cast<std::size_t>(L.link_forward_min[k]) + t] = 0.0;
        lp.row_upper[static_cast<std::size_t>(L.link_forward_min[k]) + t] = lp::infinity;
      }
  }
}

template <typename Sink>
void link_entries(const Problem& problem, Sink& sink) {
  const auto& L = problem.layout;
  for (std::size_t k = 0; k < problem.study.links.size(); ++k) {
    const int F = L.link_capacity[k];
    if (F == none) continue;
    const auto& links = problem.study.links;
    const auto& series = problem.study.series;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const int row = L.link_forward_max[k] + static_cast<int>(t);
      sink.add(row, L.f_fwd(k, t), 1.0);
      sink.add(row, F, -links.p_max_pu[k].at(series, t));
    }
    if (L.link_forward_min[k] != none)
      for (std::size_t t = 0; t < problem.T(); ++t) {
        const int row = L.link_forward_min[k] + static_cast<int>(t);
        sink.add(row, L.f_fwd(k, t), 1.0);
        sink.add(row, F, -links.p_min_pu[k].at(series, t));
      }
    if (L.backward[k] == none) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const int row = L.link_backward_max[k] + static_cast<int>(t);
      sink.add(row, L.f_bwd(k, t), 1.0);
      sink.add(row, F, -links.p_max_pu[k].at(series, t));
    }
  }
}

template void link_entries<CountSink>(const Problem&, CountSink&);
template void link_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
