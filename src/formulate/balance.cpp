// Energy balance per region and snapshot:
//   Σ p + Σ η·(link flow in) − Σ (link flow out) + Σ (line flow in − out) + Σ (d − c) + Σ (y − x) + u = load.
// Its dual divided by the snapshot weight is the price. Unserved load u ≤ load costs VOLL.
#include <cmath>

#include "formulate/problem.hpp"

namespace silkgrid::formulate {

model::Matrix region_load(const model::Study& study) {
  model::Matrix load(study.regions.size(), study.snapshots());
  for (std::size_t l = 0; l < study.loads.size(); ++l) {
    const auto r = static_cast<std::size_t>(study.loads.region[l]);
    for (std::size_t t = 0; t < load.cols; ++t) load(r, t) += study.loads.p_mw[l].at(study.series, t);
  }
  return load;
}

void balance_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& L = problem.layout;
  const double voll = problem.study.settings.voll_eur_per_mwh;
  for (std::size_t r = 0; r < problem.study.regions.size(); ++r)
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const auto row = static_cast<std::size_t>(L.balance_row(r, t));
      lp.row_lower[row] = lp.row_upper[row] = problem.load(r, t);
      const auto u = static_cast<std::size_t>(L.u(r, t));
      // No shedding where the value of lost load is infinite (PyPSA networks: none modelled).
      const bool sheddable = std::isfinite(voll);
      lp.col_upper[u] = sheddable ? problem.load(r, t) : 0.0;
      lp.cost[u] = sheddable ? voll * problem.weight(t) : 0.0;
    }
}

template <typename Sink>
void balance_entries(const Problem& problem, Sink& sink) {
  const auto& study = problem.study;
  const auto& L = problem.layout;
  const std::size_t T = problem.T();
  for (std::size_t g = 0; g < study.generators.size(); ++g) {
    const auto r = static_cast<std::size_t>(study.generators.region[g]);
    for (std::size_t t = 0; t < T; ++t) sink.add(L.balance_row(r, t), L.p(g, t), 1.0);
  }
  for (std::size_t k = 0; k < study.links.size(); ++k) {
    const auto from = static_cast<std::size_t>(study.links.from[k]);
    const auto to = static_cast<std::size_t>(study.links.to[k]);
    const double eta = study.links.efficiency[k];
    for (std::size_t t = 0; t < T; ++t) {
      sink.add(L.balance_row(from, t), L.f_fwd(k, t), -1.0);
      sink.add(L.balance_row(to, t), L.f_fwd(k, t), eta);
    }
    if (L.backward[k] == none) continue;
    for (std::size_t t = 0; t < T; ++t) {
      sink.add(L.balance_row(to, t), L.f_bwd(k, t), -1.0);
      sink.add(L.balance_row(from, t), L.f_bwd(k, t), eta);
    }
  }
  for (std::size_t l = 0; l < study.lines.size(); ++l)
    for (std::size_t t = 0; t < T; ++t) {
      sink.add(L.balance_row(static_cast<std::size_t>(study.lines.from[l]), t), L.f_line(l, t), -1.0);
      sink.add(L.balance_row(static_cast<std::size_t>(study.lines.to[l]), t), L.f_line(l, t), 1.0);
    }
  for (std::size_t s = 0; s < study.storage.size(); ++s) {
    const auto r = static_cast<std::size_t>(study.storage.region[s]);
    for (std::size_t t = 0; t < T; ++t) {
      sink.add(L.balance_row(r, t), L.c(s, t), -1.0);
      sink.add(L.balance_row(r, t), L.d(s, t), 1.0);
    }
  }
  for (std::size_t m = 0; m < study.markets.size(); ++m) {
    const auto r = static_cast<std::size_t>(study.markets.region[m]);
    for (std::size_t t = 0; t < T; ++t) {
      sink.add(L.balance_row(r, t), L.x(m, t), -1.0);
      sink.add(L.balance_row(r, t), L.y(m, t), 1.0);
    }
  }
  for (std::size_t r = 0; r < study.regions.size(); ++r)
    for (std::size_t t = 0; t < T; ++t) sink.add(L.balance_row(r, t), L.u(r, t), 1.0);
}

template void balance_entries<CountSink>(const Problem&, CountSink&);
template void balance_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
