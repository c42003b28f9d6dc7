// Generator limits. Fixed capacity: p_min_pu·P ≤ p ≤ p_max_pu·P as bounds. Extendable:
//   p − p_max_pu·P ≤ 0 and (where p_min_pu is not zero) p − p_min_pu·P ≥ 0.
// Cost of p: weight · (fuel / efficiency + vom), or the time-varying marginal cost where given.
#include "formulate/problem.hpp"
#include "model/costs.hpp"

namespace silkgrid::formulate {

void generator_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& study = problem.study;
  const auto& gen = study.generators;
  const auto& L = problem.layout;
  for (std::size_t g = 0; g < gen.size(); ++g) {
    const bool fixed = L.generator_capacity[g] == none;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const auto j = static_cast<std::size_t>(L.p(g, t));
      lp.cost[j] = model::marginal_cost_eur_per_mwh(study, g, t) * problem.weight(t);
      if (fixed) {
        lp.col_lower[j] = gen.p_min_pu[g].at(study.series, t) * gen.invest.p_nom_mw[g];
        lp.col_upper[j] = gen.p_max_pu[g].at(study.series, t) * gen.invest.p_nom_mw[g];
      } else {
        lp.col_upper[j] = lp::infinity;
      }
    }
    if (fixed) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const auto row = static_cast<std::size_t>(L.generator_max[g]) + t;
      lp.row_lower[row] = -lp::infinity;
      lp.row_upper[row] = 0.0;
    }
    if (L.generator_min[g] == none) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const auto row = static_cast<std::size_t>(L.generator_min[g]) + t;
      lp.row_lower[row] = 0.0;
      lp.row_upper[row] = lp::infinity;
    }
  }
}

template <typename Sink>
void generator_entries(const Problem& problem, Sink& sink) {
  const auto& study = problem.study;
  const auto& gen = study.generators;
  const auto& L = problem.layout;
  for (std::size_t g = 0; g < gen.size(); ++g) {
    const int P = L.generator_capacity[g];
    if (P == none) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const int row = L.generator_max[g] + static_cast<int>(t);
      sink.add(row, L.p(g, t), 1.0);
      sink.add(row, P, -gen.p_max_pu[g].at(study.series, t));
    }
    if (L.generator_min[g] == none) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const int row = L.generator_min[g] + static_cast<int>(t);
      sink.add(row, L.p(g, t), 1.0);
      sink.add(row, P, -gen.p_min_pu[g].at(study.series, t));
    }
  }
}

template void generator_entries<CountSink>(const Problem&, CountSink&);
template void generator_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
