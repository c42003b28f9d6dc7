// Capacity expansion: each extendable asset's capacity is a variable in
// [max(p_nom, p_nom_min), p_nom_max] costing its annuity per MW-year (capex · annuity factor
// at the asset's discount rate + fixed O&M), on the whole optimal capacity.
#include <algorithm>

#include "formulate/problem.hpp"
#include "model/costs.hpp"

namespace silkgrid::formulate {

namespace {
void capacity_column(lp::LinearProgram& lp, int column, const model::Investment& invest, std::size_t i,
                     double annuity) {
  const auto j = static_cast<std::size_t>(column);
  lp.col_lower[j] = std::max(invest.p_nom_mw[i], invest.p_nom_min_mw[i]);
  lp.col_upper[j] = invest.p_nom_max_mw[i];
  lp.cost[j] = annuity;
}
}  // namespace

void expansion_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& study = problem.study;
  const auto& L = problem.layout;
  for (std::size_t g = 0; g < study.generators.size(); ++g)
    if (L.generator_capacity[g] != none)
      capacity_column(lp, L.generator_capacity[g], study.generators.invest, g, model::generator_annuity(study, g));
  for (std::size_t k = 0; k < study.links.size(); ++k)
    if (L.link_capacity[k] != none)
      capacity_column(lp, L.link_capacity[k], study.links.invest, k, model::link_annuity(study, k));
  for (std::size_t l = 0; l < study.lines.size(); ++l)
    if (L.line_capacity[l] != none)
      capacity_column(lp, L.line_capacity[l], study.lines.invest, l, model::line_annuity(study, l));
  for (std::size_t s = 0; s < study.storage.size(); ++s)
    if (L.storage_capacity[s] != none)
      capacity_column(lp, L.storage_capacity[s], study.storage.invest, s, model::storage_annuity(study, s));
}

}  // namespace silkgrid::formulate
