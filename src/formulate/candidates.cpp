// Candidate choice: binary decisions on candidate projects under a budget (portfolio
// selection, README), driven by the scope's `candidates` (scope.hpp). Without them the family
// adds nothing.
//   - a column z ∈ {0, 1} per candidate ("z(project)"; block "candidate.z"), an integer column
//     where it is a decision, a continuous column at its value where the scope fixes it (the
//     LP then has duals);
//   - per candidate asset a row tying its capacity column to z (block "candidate.choice",
//     "choice(project,asset)"): capacity − size·z = 0 (all or nothing) or ≤ 0 (built up to size
//     only when chosen);
//   - the budget row (block "candidate.budget", "budget"): Σ money per MW · capacity +
//     Σ money per choice · z ≤ budget.
// The assets' capacities must be columns (capacity.cpp, before this family in the list).
// Results: the chosen flags, the budget's activity and its value per unit (−dual).
#include <fmt/format.h>

#include <cmath>

#include "core/error.hpp"
#include "formulate/family.hpp"

namespace silkgrid::formulate {

namespace {

class CandidateChoice final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule& /*rule*/) override {
    const std::size_t n = ctx.scope.candidates ? ctx.scope.candidates->candidates.size() : 0;
    std::size_t assets = 0;
    if (ctx.scope.candidates)
      for (const Candidate& c : ctx.scope.candidates->candidates) {
        for (const CandidateAsset& a : c.assets) {
          const Block& capacity = index.columns(capacity_block(a.asset.kind));
          if (a.asset.index < 0 || static_cast<std::size_t>(a.asset.index) >= capacity.size() ||
              !capacity.has(static_cast<std::size_t>(a.asset.index)))
            throw core::Error(core::ErrorKind::input, core::Context{ctx.study.file, 0, 0, "scope"},
                              fmt::format("candidate '{}': its asset has no capacity column (a candidate's assets must "
                                          "be extendable, with capacities as columns)",
                                          c.name));
        }
        assets += c.assets.size();
      }
    index.add_columns("candidate.z", alloc.column_block(n, 1));
    index.add_rows("candidate.choice", alloc.row_block(assets, 1));
    index.add_rows("candidate.budget", alloc.row_block(ctx.scope.candidates ? 1 : 0, 1));
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    if (!ctx.scope.candidates) return;
    const Candidates& cs = *ctx.scope.candidates;
    const Block& z = index.columns("candidate.z");
    const Block& choice = index.rows("candidate.choice");
    std::size_t a = 0;
    for (std::size_t k = 0; k < cs.candidates.size(); ++k) {
      const Candidate& c = cs.candidates[k];
      const auto j = static_cast<std::size_t>(z.at(k));
      if (c.fixed) {
        lp.col_lower[j] = lp.col_upper[j] = *c.fixed ? 1.0 : 0.0;
      } else {
        lp.col_lower[j] = 0.0;
        lp.col_upper[j] = 1.0;
        if (lp.integer.empty()) lp.integer.assign(static_cast<std::size_t>(lp.num_cols), 0);
        lp.integer[j] = 1;
      }
      for (const CandidateAsset& asset : c.assets) {
        const auto r = static_cast<std::size_t>(choice.at(a++));
        lp.row_lower[r] = asset.all_or_nothing ? 0.0 : -lp::infinity;
        lp.row_upper[r] = 0.0;
      }
    }
    const auto b = static_cast<std::size_t>(index.rows("candidate.budget").at(0));
    lp.row_lower[b] = -lp::infinity;
    lp.row_upper[b] = cs.budget;
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    if (!ctx.scope.candidates) return;
    const Candidates& cs = *ctx.scope.candidates;
    const Block& z = index.columns("candidate.z");
    const Block& choice = index.rows("candidate.choice");
    std::size_t a = 0;
    for (std::size_t k = 0; k < cs.candidates.size(); ++k)
      for (const CandidateAsset& asset : cs.candidates[k].assets) {
        const int row = choice.at(a++);
        sink.add(row, capacity_column(index, asset), 1.0);
        sink.add(row, z.at(k), -asset.size_mw);
      }
    const int budget = index.rows("candidate.budget").at(0);
    for (std::size_t k = 0; k < cs.candidates.size(); ++k) {
      const Candidate& c = cs.candidates[k];
      for (const CandidateAsset& asset : c.assets) sink.add(budget, capacity_column(index, asset), asset.money_per_mw);
      sink.add(budget, z.at(k), c.money_per_choice);
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    if (!ctx.scope.candidates) return;
    const Candidates& cs = *ctx.scope.candidates;
    const Block& z = index.columns("candidate.z");
    const Block& choice = index.rows("candidate.choice");
    std::size_t a = 0;
    for (std::size_t k = 0; k < cs.candidates.size(); ++k) {
      const Candidate& c = cs.candidates[k];
      const std::string name = Names::clean(c.name);
      names.column(z.at(k), fmt::format("z({})", name));
      for (const CandidateAsset& asset : c.assets) {
        const std::string asset_name =
            Names::clean(lp_names(ctx.study, asset.asset.kind)[static_cast<std::size_t>(asset.asset.index)]);
        names.row(choice.at(a++), fmt::format("choice({},{})", name, asset_name));
      }
    }
    names.row(index.rows("candidate.budget").at(0), "budget");
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    if (!ctx.scope.candidates) return;
    const Candidates& cs = *ctx.scope.candidates;
    const Block& z = index.columns("candidate.z");
    res.candidate_chosen.assign(cs.candidates.size(), 0);
    double used = 0;
    for (std::size_t k = 0; k < cs.candidates.size(); ++k) {
      const Candidate& c = cs.candidates[k];
      const double zk = value_of(solution, z.at(k));
      res.candidate_chosen[k] = zk > 0.5 ? 1 : 0;
      used += c.money_per_choice * zk;
      for (const CandidateAsset& asset : c.assets) used += asset.money_per_mw * value_of(solution, capacity_column(index, asset));
    }
    const auto b = static_cast<std::size_t>(index.rows("candidate.budget").at(0));
    res.budget_used = !ctx.activities ? used : solution.row_activity[b];
    res.budget_shadow_price = !ctx.duals ? 0.0 : -solution.row_dual[b];
    if (std::abs(res.budget_shadow_price) < 1e-12) res.budget_shadow_price = 0.0;
  }

 private:
  static int capacity_column(const Index& index, const CandidateAsset& asset) {
    return index.columns(capacity_block(asset.asset.kind)).at(static_cast<std::size_t>(asset.asset.index));
  }
};

}  // namespace

std::unique_ptr<Family> make_candidates() { return std::make_unique<CandidateChoice>(); }

}  // namespace silkgrid::formulate
