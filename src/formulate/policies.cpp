// Policies, one row each ("policy"), over the window:
//   co2_cap:             Σ_t w_t Σ_g co2_g·p[g,t] + Σ_s co2_s·(e[s,−1] − e[s,T−1]) ≤ t_per_year
//                        (generators in the regions, w = the generator weight; non-cyclic
//                        storage of an emitting carrier counts what it depletes, as in PyPSA:
//                        e[s,−1] is initial_mwh, the fixed start level or the free start column);
//                        a window's budget replaces the yearly cap where the scope gives one
//   min_renewable_share: Σ_t w_t Σ_g p[g,t] ≥ share · Σ_t w_t load  (renewable carriers, or the listed ones)
//   max_capacity:        Σ P[g] ≤ mw − fixed capacity      (carrier, regions)
//   min_capacity:        Σ P[g] ≥ mw − fixed capacity
// A capacity policy has a row only where some generator it counts has a capacity column.
// A coupled window (scope.hpp) gives each CO2 cap and renewable share a budget column b
// ("policy.budget", fixed by the caller) and a slack σ ("policy.slack", at the budget penalty):
// emissions − b − σ ≤ 0, renewable energy − b + σ ≥ 0; capacity policies are the master's.
// The investment decisions alone (no snapshot) have the capacity policies only.
// Results: the row's dual as a price (≥ 0 when binding) and its left-hand side.
#include <algorithm>
#include <cmath>

#include "formulate/family.hpp"
#include "model/costs.hpp"

namespace silkgrid::formulate {

namespace {

bool is_capacity_policy(model::PolicyKind kind) {
  return kind == model::PolicyKind::max_capacity || kind == model::PolicyKind::min_capacity;
}

// Whether generator j counts toward capacity policy p.
bool counts(const model::Study& study, std::size_t p, std::size_t j) {
  return study.generators.carrier[j] == study.policies.carrier[p] &&
         in_regions(study.policies.regions[p], study.generators.region[j]);
}

class Policies final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule&) override {
    const auto& pol = ctx.study.policies;
    std::vector<char> rows(pol.size(), 1), budgets(pol.size(), 0);
    for (std::size_t p = 0; p < pol.size(); ++p) {
      if (!is_capacity_policy(pol.kind[p])) {
        rows[p] = ctx.T > 0 ? 1 : 0;
        budgets[p] = ctx.scope.coupling ? 1 : 0;
        continue;
      }
      rows[p] = 0;
      if (!ctx.capacities_are_columns() || ctx.scope.coupling) continue;
      for (std::size_t j = 0; j < ctx.study.generators.size(); ++j)
        if (ctx.study.generators.invest.extendable[j] && counts(ctx.study, p, j)) rows[p] = 1;
    }
    index.add_rows("policy", alloc.row_block(pol.size(), 1, rows));
    index.add_columns("policy.budget", alloc.column_block(pol.size(), 1, budgets));
    index.add_columns("policy.slack", alloc.column_block(pol.size(), 1, budgets));
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const auto& study = ctx.study;
    const auto& pol = study.policies;
    const Block& policy = index.rows("policy");
    const Block& budget_column = index.columns("policy.budget");
    const Block& slack = index.columns("policy.slack");
    const bool coupled = ctx.scope.coupling.has_value();
    for (std::size_t p = 0; p < pol.size(); ++p) {
      if (budget_column.has(p)) {
        const auto b = static_cast<std::size_t>(budget_column.at(p));
        lp.col_lower[b] = -lp::infinity;  // the caller fixes it
        const auto j = static_cast<std::size_t>(slack.at(p));
        lp.cost[j] = ctx.scope.coupling->budget_penalty;
      }
      if (!policy.has(p)) continue;
      const auto i = static_cast<std::size_t>(policy.at(p));
      switch (pol.kind[p]) {
        case model::PolicyKind::co2_cap: {
          double depleted_from = 0;  // Σ co2·(the level before the window), moved to the right
          for (std::size_t s = 0; s < study.storage.size(); ++s)
            if (in_regions(pol.regions[p], study.storage.region[s]))
              depleted_from += storage_co2_t_per_mwh(ctx, s) * level_before(ctx, s);
          const double budget = coupled ? 0.0  // the budget column
                                : p < ctx.scope.co2_budget_t.size() && !std::isnan(ctx.scope.co2_budget_t[p])
                                    ? ctx.scope.co2_budget_t[p]
                                    : pol.value[p];
          lp.row_lower[i] = -lp::infinity;
          lp.row_upper[i] = budget - depleted_from;
          break;
        }
        case model::PolicyKind::min_renewable_share: {
          double demand = 0;
          for (int r : pol.regions[p])
            for (std::size_t t = 0; t < ctx.T; ++t) demand += ctx.weight(t) * ctx.load(static_cast<std::size_t>(r), t);
          lp.row_lower[i] = coupled ? 0.0 : pol.value[p] * demand;  // coupled: the budget column
          lp.row_upper[i] = lp::infinity;
          break;
        }
        case model::PolicyKind::max_capacity:
        case model::PolicyKind::min_capacity: {
          double fixed = 0;
          const auto& g = study.generators;
          for (std::size_t j = 0; j < g.size(); ++j)
            if (!g.invest.extendable[j] && counts(study, p, j)) fixed += g.invest.p_nom_mw[j];
          const bool at_most = pol.kind[p] == model::PolicyKind::max_capacity;
          lp.row_lower[i] = at_most ? -lp::infinity : pol.value[p] - fixed;
          lp.row_upper[i] = at_most ? pol.value[p] - fixed : lp::infinity;
          break;
        }
      }
    }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    const auto& study = ctx.study;
    const auto& pol = study.policies;
    const auto& g = study.generators;
    const Block& policy = index.rows("policy");
    const Block& p_col = index.columns("generator.p");
    const Block& capacity = index.columns("capacity.generator");
    for (std::size_t p = 0; p < pol.size(); ++p) {
      if (!policy.has(p)) continue;
      const int row = policy.at(p);
      const Block& budget = index.columns("policy.budget");
      if (budget.has(p)) {
        const bool at_most = pol.kind[p] == model::PolicyKind::co2_cap;
        sink.add(row, budget.at(p), -1.0);
        sink.add(row, index.columns("policy.slack").at(p), at_most ? -1.0 : 1.0);
      }
      for (std::size_t j = 0; j < g.size(); ++j) {
        if (!in_regions(pol.regions[p], g.region[j])) continue;
        switch (pol.kind[p]) {
          case model::PolicyKind::co2_cap: {
            const double co2 = model::co2_t_per_mwh(study, j);
            for (std::size_t t = 0; t < ctx.T; ++t) sink.add(row, p_col.at(j, t), co2 * ctx.generator_weight(t));
            break;
          }
          case model::PolicyKind::min_renewable_share:
            if (!counts_toward_share(study, p, j)) break;
            for (std::size_t t = 0; t < ctx.T; ++t) sink.add(row, p_col.at(j, t), ctx.weight(t));
            break;
          case model::PolicyKind::max_capacity:
          case model::PolicyKind::min_capacity:
            if (g.carrier[j] == pol.carrier[p] && capacity.has(j)) sink.add(row, capacity.at(j), 1.0);
            break;
        }
      }
      if (pol.kind[p] != model::PolicyKind::co2_cap) continue;
      const Block& e = index.columns("storage.level");
      const Block& start = index.columns("storage.start");
      for (std::size_t s = 0; s < study.storage.size(); ++s) {
        if (!in_regions(pol.regions[p], study.storage.region[s])) continue;
        const double co2 = storage_co2_t_per_mwh(ctx, s);
        sink.add(row, e.at(s, ctx.T - 1), -co2);
        if (start.has(s)) sink.add(row, start.at(s), co2);
      }
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    names.rows(index.rows("policy"), "policy", ctx.study.policies.name, true);
    names.columns(index.columns("policy.budget"), "budget", ctx.study.policies.name, true);
    names.columns(index.columns("policy.slack"), "budgetslack", ctx.study.policies.name, true);
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const auto& pol = ctx.study.policies;
    const Block& policy = index.rows("policy");
    res.policy_shadow_price.assign(pol.size(), 0.0);
    res.policy_value.assign(pol.size(), 0.0);
    if (!ctx.duals) return;
    for (std::size_t p = 0; p < pol.size(); ++p) {
      if (!policy.has(p)) continue;
      const auto row = static_cast<std::size_t>(policy.at(p));
      const bool at_most = pol.kind[p] == model::PolicyKind::co2_cap || pol.kind[p] == model::PolicyKind::max_capacity;
      res.policy_shadow_price[p] = at_most ? -solution.row_dual[row] : solution.row_dual[row];
      if (ctx.activities) res.policy_value[p] = solution.row_activity[row];
      const Block& budget = index.columns("policy.budget");
      if (ctx.activities && budget.has(p))  // the window's own emissions or renewable energy
        res.policy_value[p] += value_of(solution, budget.at(p)) +
                               (at_most ? 1.0 : -1.0) * value_of(solution, index.columns("policy.slack").at(p));
    }
  }

 private:
  // The level before the window, where it is a constant (the free start is a column).
  static double level_before(const Context& ctx, std::size_t s) {
    switch (ctx.scope.start) {
      case Level::as_study: return ctx.study.storage.initial_mwh[s];
      case Level::fixed: return ctx.scope.start_mwh[s];
      case Level::cyclic:
      case Level::free: return 0.0;
    }
    return 0.0;
  }
};

}  // namespace

std::unique_ptr<Family> make_policies() { return std::make_unique<Policies>(); }

}  // namespace silkgrid::formulate
