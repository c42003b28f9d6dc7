// Markets: export x ≤ max_export_mw and import y ≤ max_import_mw per snapshot (bounds only).
// Export revenue lowers the objective (cost −w·price), imports raise it (+w·price).
#include "formulate/problem.hpp"

namespace silkgrid::formulate {

void market_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& study = problem.study;
  const auto& m = study.markets;
  const auto& L = problem.layout;
  for (std::size_t i = 0; i < m.size(); ++i)
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const auto x = static_cast<std::size_t>(L.x(i, t));
      const auto y = static_cast<std::size_t>(L.y(i, t));
      lp.col_upper[x] = m.max_export_mw[i].at(study.series, t);
      lp.col_upper[y] = m.max_import_mw[i].at(study.series, t);
      lp.cost[x] = -m.export_price_eur_per_mwh[i].at(study.series, t) * problem.weight(t);
      lp.cost[y] = m.import_price_eur_per_mwh[i].at(study.series, t) * problem.weight(t);
    }
}

}  // namespace silkgrid::formulate
