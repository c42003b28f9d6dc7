// Link limits: each direction's flow f ≤ F (a bound when F is fixed, a row f − F ≤ 0 when
// extendable). Losses sit in the balance (η on the receiving end). Cost: weight · marginal
// cost per MWh sent.
#include "formulate/problem.hpp"

namespace silkgrid::formulate {

void link_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& links = problem.study.links;
  const auto& L = problem.layout;
  for (std::size_t k = 0; k < links.size(); ++k) {
    const bool fixed = L.link_capacity[k] == none;
    const double upper = fixed ? links.invest.p_nom_mw[k] : lp::infinity;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const double cost = links.marginal_cost_eur_per_mwh[k] * problem.weight(t);
      const auto fwd = static_cast<std::size_t>(L.f_fwd(k, t));
      lp.col_upper[fwd] = upper;
      lp.cost[fwd] = cost;
      if (L.backward[k] != none) {
        const auto bwd = static_cast<std::size_t>(L.f_bwd(k, t));
        lp.col_upper[bwd] = upper;
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
  }
}

template <typename Sink>
void link_entries(const Problem& problem, Sink& sink) {
  const auto& L = problem.layout;
  for (std::size_t k = 0; k < problem.study.links.size(); ++k) {
    const int F = L.link_capacity[k];
    if (F == none) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const int row = L.link_forward_max[k] + static_cast<int>(t);
      sink.add(row, L.f_fwd(k, t), 1.0);
      sink.add(row, F, -1.0);
    }
    if (L.backward[k] == none) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const int row = L.link_backward_max[k] + static_cast<int>(t);
      sink.add(row, L.f_bwd(k, t), 1.0);
      sink.add(row, F, -1.0);
    }
  }
}

template void link_entries<CountSink>(const Problem&, CountSink&);
template void link_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
