#include "formulate/build.hpp"

#include <climits>

#include "core/error.hpp"
#include "formulate/problem.hpp"

namespace silkgrid::formulate {

namespace {
template <typename Sink>
void emit_all(const Problem& problem, Sink& sink) {
  balance_entries(problem, sink);
  generator_entries(problem, sink);
  link_entries(problem, sink);
  line_entries(problem, sink);
  storage_entries(problem, sink);
  policy_entries(problem, sink);
}
}  // namespace

Built build(const model::Study& study, const BuildOptions& options) {
  Built built;
  built.layout = make_layout(study);
  const Layout& L = built.layout;
  lp::LinearProgram& lp = built.lp;
  const auto cols = static_cast<std::size_t>(L.num_cols);
  const auto rows = static_cast<std::size_t>(L.num_rows);
  lp.num_cols = L.num_cols;
  lp.num_rows = L.num_rows;
  lp.col_lower.assign(cols, 0.0);
  lp.col_upper.assign(cols, lp::infinity);
  lp.cost.assign(cols, 0.0);
  lp.row_lower.assign(rows, -lp::infinity);
  lp.row_upper.assign(rows, lp::infinity);

  const Problem problem{study, L, region_load(study)};
  balance_bounds(problem, lp);
  generator_bounds(problem, lp);
  link_bounds(problem, lp);
  line_bounds(problem, lp);
  storage_bounds(problem, lp);
  market_bounds(problem, lp);
  policy_bounds(problem, lp);
  expansion_bounds(problem, lp);

  // Pass 1: entries per column, into start[col + 1]; then prefix sums give the starts.
  lp.start.assign(cols + 1, 0);
  CountSink counter{lp.start.data()};
  emit_all(problem, counter);
  long long total = 0;
  for (std::size_t j = 0; j < cols; ++j) total += lp.start[j + 1];
  if (total > INT_MAX) throw core::Error(core::ErrorKind::input, "the study is too large: more than 2^31 LP non-zeros");
  for (std::size_t j = 0; j < cols; ++j) lp.start[j + 1] += lp.start[j];
  // Pass 2: fill, using start[col] as the cursor; afterwards start[col] = old start[col + 1].
  const auto nonzeros = static_cast<std::size_t>(lp.start[cols]);
  lp.index.resize(nonzeros);
  lp.value.resize(nonzeros);
  FillSink filler{lp.start.data(), lp.index.data(), lp.value.data()};
  emit_all(problem, filler);
  for (std::size_t j = cols; j > 0; --j) lp.start[j] = lp.start[j - 1];
  lp.start[0] = 0;

  if (options.names) name_columns_and_rows(study, L, lp);
  return built;
}

}  // namespace silkgrid::formulate
