// Column and row names for MPS files: kind(component,snapshot), spaces replaced by '_'.
#include <fmt/format.h>

#include "formulate/build.hpp"

namespace silkgrid::formulate {

namespace {
std::string clean(std::string name) {
  for (char& ch : name)
    if (ch == ' ' || ch == '\t') ch = '_';
  return name;
}

void series(std::vector<std::string>& names, int first, const char* kind, const std::string& component, int T) {
  if (first == none) return;
  for (int t = 0; t < T; ++t) names[static_cast<std::size_t>(first + t)] = fmt::format("{}({},{})", kind, component, t);
}
}  // namespace

void name_columns_and_rows(const model::Study& study, const Layout& L, lp::LinearProgram& lp) {
  auto& cols = lp.col_names;
  auto& rows = lp.row_names;
  cols.assign(static_cast<std::size_t>(lp.num_cols), "");
  rows.assign(static_cast<std::size_t>(lp.num_rows), "");
  const int T = L.T;
  for (std::size_t g = 0; g < study.generators.size(); ++g) {
    const std::string n = clean(study.generators.name[g]);
    series(cols, L.p(g, 0), "p", n, T);
    if (L.generator_capacity[g] != none) cols[static_cast<std::size_t>(L.generator_capacity[g])] = "P(" + n + ")";
    series(rows, L.generator_max[g], "pmax", n, T);
    series(rows, L.generator_min[g], "pmin", n, T);
  }
  for (std::size_t k = 0; k < study.links.size(); ++k) {
    const std::string n = clean(study.links.name[k]);
    series(cols, L.f_fwd(k, 0), "ffwd", n, T);
    series(cols, L.backward[k], "fbwd", n, T);
    if (L.link_capacity[k] != none) cols[static_cast<std::size_t>(L.link_capacity[k])] = "F(" + n + ")";
    series(rows, L.link_forward_max[k], "fwdmax", n, T);
    series(rows, L.link_backward_max[k], "bwdmax", n, T);
    series(rows, L.link_forward_min[k], "fwdmin", n, T);
  }
  for (std::size_t l = 0; l < study.lines.size(); ++l) {
    const std::string n = clean(study.lines.name[l]);
    series(cols, L.f_line(l, 0), "fline", n, T);
    if (L.line_capacity[l] != none) cols[static_cast<std::size_t>(L.line_capacity[l])] = "Sline(" + n + ")";
    series(rows, L.line_max[l], "linemax", n, T);
    series(rows, L.line_min[l], "linemin", n, T);
  }
  for (std::size_t c = 0; c < L.cycles.size(); ++c) series(rows, L.kvl_row(c, 0), "kvl", fmt::format("cycle{}", c), T);
  for (std::size_t s = 0; s < study.storage.size(); ++s) {
    const std::string n = clean(study.storage.name[s]);
    series(cols, L.c(s, 0), "charge", n, T);
    series(cols, L.d(s, 0), "discharge", n, T);
    series(cols, L.e(s, 0), "soc", n, T);
    series(cols, L.spill[s], "spill", n, T);
    if (L.storage_capacity[s] != none) cols[static_cast<std::size_t>(L.storage_capacity[s])] = "S(" + n + ")";
    series(rows, L.level_row(s, 0), "level", n, T);
    series(rows, L.storage_charge_max[s], "chargemax", n, T);
    series(rows, L.storage_discharge_max[s], "dischargemax", n, T);
    series(rows, L.storage_energy_max[s], "energymax", n, T);
    series(rows, L.storage_energy_min[s], "energymin", n, T);
  }
  for (std::size_t m = 0; m < study.markets.size(); ++m) {
    const std::string n = clean(study.markets.name[m]);
    series(cols, L.x(m, 0), "export", n, T);
    series(cols, L.y(m, 0), "import", n, T);
  }
  for (std::size_t r = 0; r < study.regions.size(); ++r) {
    const std::string n = clean(study.regions.name[r]);
    series(cols, L.u(r, 0), "unserved", n, T);
    series(rows, L.balance_row(r, 0), "balance", n, T);
  }
  for (std::size_t p = 0; p < study.policies.size(); ++p)
    if (L.policy[p] != none) rows[static_cast<std::size_t>(L.policy[p])] = "policy(" + clean(study.policies.name[p]) + ")";
}

}  // namespace silkgrid::formulate
