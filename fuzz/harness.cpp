#include "fuzz/harness.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "formulate/build.hpp"
#include "lp/linear_program.hpp"

namespace silkgrid::fuzz {

Files split(std::string_view input) {
  Files files;
  std::string* current = &files.main;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t end = input.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? input.size() : end + 1;
    std::string_view line = input.substr(pos, (end == std::string_view::npos ? input.size() : end) - pos);
    if (line.size() > 9 && line.substr(0, 5) == "#==> " && line.substr(line.size() - 4) == " <==") {
      std::string name(line.substr(5, line.size() - 9));
      current = &files.named[name];
      current->clear();
    } else {
      current->append(input.substr(pos, next - pos));
    }
    pos = next;
  }
  return files;
}

void bug(const std::string& what) {
  std::fprintf(stderr, "silkgrid fuzz: BUG: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

namespace {
// Clp treats |x| >= 1e30 as infinite and asserts on costs >= 1e25 and bounds >= 1e100 (CoinUtils'
// checks); an LP that silkgrid hands to it must stay well inside.
constexpr double clp_cost_limit = 1e20;
constexpr double clp_bound_limit = 1e20;

void finite_within(double v, double limit, const char* what, int index) {
  if (std::isnan(v)) bug(fmt::format("{} {} is NaN", what, index));
  if (std::isfinite(v) && std::abs(v) >= limit) bug(fmt::format("{} {} is {:g}, beyond {:g}", what, index, v, limit));
}
}  // namespace

void check_lp(const model::Study& study, std::size_t max_cells) {
  const std::size_t components = study.generators.size() + study.loads.size() + study.links.size() +
                                 study.lines.size() + study.storage.size() + study.markets.size() +
                                 study.regions.size();
  if (study.snapshots() * (components + 1) > max_cells) return;
  formulate::Built built;
  if (!expect_clean([&] { built = formulate::build(study); })) return;
  const lp::LinearProgram& lp = built.lp;
  try {
    lp.check();
  } catch (const std::exception& e) {
    bug(fmt::format("inconsistent LP: {}", e.what()));
  }
  for (int j = 0; j < lp.num_cols; ++j) {
    const auto c = static_cast<std::size_t>(j);
    if (!std::isfinite(lp.cost[c])) bug(fmt::format("cost of column {} is {}", j, lp.cost[c]));
    finite_within(lp.cost[c], clp_cost_limit, "cost of column", j);
    finite_within(lp.col_lower[c], clp_bound_limit, "lower bound of column", j);
    finite_within(lp.col_upper[c], clp_bound_limit, "upper bound of column", j);
  }
  for (int i = 0; i < lp.num_rows; ++i) {
    finite_within(lp.row_lower[static_cast<std::size_t>(i)], clp_bound_limit, "lower bound of row", i);
    finite_within(lp.row_upper[static_cast<std::size_t>(i)], clp_bound_limit, "upper bound of row", i);
  }
  for (std::size_t k = 0; k < lp.value.size(); ++k) {
    if (!std::isfinite(lp.value[k])) bug(fmt::format("matrix entry {} is {}", k, lp.value[k]));
    finite_within(lp.value[k], clp_cost_limit, "matrix entry", static_cast<int>(k));
  }
  if (!std::isfinite(lp.objective_offset)) bug("the objective offset is not finite");
}

}  // namespace silkgrid::fuzz
