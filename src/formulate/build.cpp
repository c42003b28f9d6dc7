// The builder: runs every family (families.cpp) through allocation, bounds, entries and names,
// and writes the matrix straight into its CSC arrays in two passes (count, then fill).
#include "formulate/build.hpp"

#include <fmt/format.h>

#include <climits>
#include <cmath>

#include "core/error.hpp"
#include "formulate/family.hpp"

namespace silkgrid::formulate {

class Formulation {
 public:
  Scope scope;
  finance::AssetCapital capital;
  std::size_t t0 = 0, T = 0;
  std::vector<std::unique_ptr<Family>> families;
  Index index;
  int num_cols = 0, num_rows = 0;

  Context context(const model::Study& study) const {
    Context ctx{study, scope, capital, t0, T, model::Matrix(study.regions.size(), T)};
    const model::Matrix all = region_load(study);
    for (std::size_t r = 0; r < all.rows; ++r)
      for (std::size_t t = 0; t < T; ++t) ctx.load(r, t) = all(r, t0 + t);
    return ctx;
  }
};

namespace {
using core::Context;
using core::Error;
using core::ErrorKind;

void check_scope(const model::Study& study, const Scope& scope) {
  const std::size_t total = study.snapshots();
  const auto fail = [&](const std::string& message) {
    throw Error(ErrorKind::input, Context{study.file, 0, 0, "scope"}, message);
  };
  if (scope.investment_only) {
    if (scope.coupling) fail("the investment decisions alone have no window to couple");
  } else {
    if (scope.first >= total) fail(fmt::format("the window starts at snapshot {}; the study has {}", scope.first, total));
    const std::size_t count = std::min(scope.count, total - scope.first);
    if (count == 0) fail("the window holds no snapshot");
  }
  if (scope.coupling) {
    if (scope.fixed_capacities) fail("a coupled window takes its capacities as columns, not as fixed values");
    if (scope.start != Level::free || scope.end != Level::free)
      fail("a coupled window has free start and end levels (columns the caller fixes)");
    if (!(scope.coupling->level_penalty_eur_per_mwh > 0) || !(scope.coupling->budget_penalty > 0) ||
        !std::isfinite(scope.coupling->level_penalty_eur_per_mwh) || !std::isfinite(scope.coupling->budget_penalty))
      fail("expected finite penalties > 0 for a coupled window");
  }
  if ((scope.start == Level::cyclic) != (scope.end == Level::cyclic))
    fail("a cyclic storage level ties both ends of the window: start and end must both be cyclic");
  const std::size_t S = study.storage.size();
  if (scope.start == Level::fixed && scope.start_mwh.size() != S)
    fail(fmt::format("a fixed start level needs one value per storage ({}), got {}", S, scope.start_mwh.size()));
  if (scope.end == Level::fixed && scope.end_mwh.size() != S)
    fail(fmt::format("a fixed end level needs one value per storage ({}), got {}", S, scope.end_mwh.size()));
  for (const auto* levels : {&scope.start_mwh, &scope.end_mwh})
    for (double v : *levels)
      if (!std::isfinite(v)) fail(fmt::format("expected finite storage levels, got {}", v));
  if (scope.fixed_capacities) {
    const auto& c = *scope.fixed_capacities;
    const auto sized = [&](const std::vector<double>& v, std::size_t n, const char* what) {
      if (!v.empty() && v.size() != n) fail(fmt::format("expected {} fixed {} capacities, got {}", n, what, v.size()));
      for (double x : v)
        if (!(x >= 0) || !std::isfinite(x)) fail(fmt::format("expected fixed {} capacities >= 0, got {}", what, x));
    };
    sized(c.generator, study.generators.size(), "generator");
    sized(c.link, study.links.size(), "link");
    sized(c.line, study.lines.size(), "line");
    sized(c.storage, S, "storage");
  }
  if (scope.candidates) {
    if (std::isnan(scope.candidates->budget)) fail("expected a candidate budget, got NaN");
    for (const auto& c : scope.candidates->candidates)
      for (const auto& a : c.assets)
        if (!(a.size_mw >= 0) || !std::isfinite(a.size_mw) || !std::isfinite(a.money_per_mw) ||
            !std::isfinite(c.money_per_choice))
          fail(fmt::format("candidate '{}': expected a finite size >= 0 and finite money per MW and per choice", c.name));
  }
  if (!scope.co2_budget_t.empty() && scope.co2_budget_t.size() != study.policies.size())
    fail(fmt::format("expected one CO2 budget per policy ({}), got {}", study.policies.size(), scope.co2_budget_t.size()));
}
}  // namespace

Built build(const model::Study& study, const BuildOptions& options) {
  check_scope(study, options.scope);
  auto f = std::make_shared<Formulation>();
  f->scope = options.scope;
  f->capital = options.capital;
  f->t0 = options.scope.investment_only ? 0 : options.scope.first;
  f->T = options.scope.investment_only ? 0 : std::min(options.scope.count, study.snapshots() - options.scope.first);
  f->families = make_families();
  const formulate::Context ctx = f->context(study);

  Allocator alloc;
  CapacityRule rule;
  for (auto& family : f->families) family->allocate(ctx, alloc, f->index, rule);
  f->num_cols = alloc.num_cols();
  f->num_rows = alloc.num_rows();

  Built built;
  lp::LinearProgram& lp = built.lp;
  const auto cols = static_cast<std::size_t>(f->num_cols);
  const auto rows = static_cast<std::size_t>(f->num_rows);
  lp.num_cols = f->num_cols;
  lp.num_rows = f->num_rows;
  lp.col_lower.assign(cols, 0.0);
  lp.col_upper.assign(cols, lp::infinity);
  lp.cost.assign(cols, 0.0);
  lp.row_lower.assign(rows, -lp::infinity);
  lp.row_upper.assign(rows, lp::infinity);
  for (const auto& family : f->families) family->bounds(ctx, f->index, lp);

  // Pass 1: entries per column, into start[col + 1]; then prefix sums give the starts.
  lp.start.assign(cols + 1, 0);
  Entries counter = Entries::counting(lp.start.data());
  for (const auto& family : f->families) family->entries(ctx, f->index, counter);
  long long total = 0;
  for (std::size_t j = 0; j < cols; ++j) total += lp.start[j + 1];
  if (total > INT_MAX) throw Error(ErrorKind::input, "the study is too large: more than 2^31 LP non-zeros");
  for (std::size_t j = 0; j < cols; ++j) lp.start[j + 1] += lp.start[j];
  // Pass 2: fill, using start[col] as the cursor; afterwards start[col] = old start[col + 1].
  const auto nonzeros = static_cast<std::size_t>(lp.start[cols]);
  lp.index.resize(nonzeros);
  lp.value.resize(nonzeros);
  Entries filler = Entries::filling(lp.start.data(), lp.index.data(), lp.value.data());
  for (const auto& family : f->families) family->entries(ctx, f->index, filler);
  for (std::size_t j = cols; j > 0; --j) lp.start[j] = lp.start[j - 1];
  lp.start[0] = 0;

  if (options.names) {
    lp.col_names.assign(cols, "");
    lp.row_names.assign(rows, "");
    Names names(lp, f->t0);
    for (const auto& family : f->families) family->names(ctx, f->index, names);
  }
  built.formulation = std::move(f);
  return built;
}

model::Results extract(const model::Study& study, const Built& built, const lp::Solution& solution) {
  const Formulation& f = *built.formulation;
  if (solution.col_value.size() < static_cast<std::size_t>(f.num_cols))
    throw Error(ErrorKind::internal, fmt::format("a solution of {} columns for an LP of {}", solution.col_value.size(), f.num_cols));
  model::Results res;
  res.status = lp::to_string(solution.status);
  res.iterations = solution.iterations;
  res.objective_eur = solution.objective;
  formulate::Context ctx = f.context(study);
  // Duals and activities where the solver gave them for every row (not for a MIP).
  ctx.duals = solution.row_dual.size() >= static_cast<std::size_t>(f.num_rows);
  ctx.activities = solution.row_activity.size() >= static_cast<std::size_t>(f.num_rows);
  for (const auto& family : f.families) family->extract(ctx, f.index, solution, res);
  return res;
}

int Built::column(const std::string& block, std::size_t component, std::size_t t) const {
  const Block& b = formulation->index.columns(block);
  return b.has(component) ? b.at(component, t) : none;
}
int Built::row(const std::string& block, std::size_t component, std::size_t t) const {
  const Block& b = formulation->index.rows(block);
  return b.has(component) ? b.at(component, t) : none;
}
int Built::capacity_column(model::AssetRef asset) const {
  return column(capacity_block(asset.kind), static_cast<std::size_t>(asset.index));
}
std::size_t Built::first_snapshot() const { return formulation->t0; }
std::size_t Built::snapshots() const { return formulation->T; }

}  // namespace silkgrid::formulate
