// Storage, PyPSA's StorageUnit and Store. Columns: charge c, discharge d, level e
// ("storage.charge", "storage.discharge", "storage.level"), spill where there is inflow
// ("storage.spill") and, for a window whose start level is free, that level ("storage.start").
// The level balance (rows "level"), with h_t the store weight and keep_t = (1−σ)^{h_t}:
//   e[t] − keep_t·e[t−1] − η_c·h_t·c[t] + h_t·d[t]/η_d + h_t·spill[t] = h_t·inflow[t]
// e[−1] is, by the scope's start level: e[T−1] when cyclic; initial_mwh on the right (no
// standing loss on it, as in PyPSA) when the study's storage is not cyclic; the fixed level,
// kept over the first snapshot, on the right; or the free start column. A fixed end level
// fixes e[T−1]. −c + d enters the balance. Limits per unit of the capacity S, through the
// capacity rule: c ≤ charge_max_pu·S ("chargemax"), d ≤ dispatch_max_pu·S ("dischargemax"),
// e ≤ level_max_pu·max_hours·S ("energymax"), e ≥ level_min_pu·max_hours·S where not zero
// ("energymin"); spill ≤ inflow; e is fixed where level_set is given. An energy-only store
// (PyPSA Store) has no power limit: c is fixed at 0 and d is free.
// Costs: weight · (marginal cost · d + marginal_cost_storage · e + spill cost · spill).
// A coupled window (scope.hpp) adds per storage the end column ("storage.end"), its slacks
// ("storage.short", "storage.over", each at the level penalty) and the row ("storage.end")
// e[T−1] + short − over − end = 0.
#include <algorithm>

#include "formulate/family.hpp"

namespace silkgrid::formulate {

namespace {

// The storage family's blocks: charge, discharge, level, spill, start columns; level rows.
struct Blocks {
  const Block &c, &d, &e, &spill, &start, &level, &end, &short_, &over, &tie;
};
Blocks blocks(const Index& index) {
  return {index.columns("storage.charge"), index.columns("storage.discharge"), index.columns("storage.level"),
          index.columns("storage.spill"),  index.columns("storage.start"),     index.rows("storage.balance"),
          index.columns("storage.end"),    index.columns("storage.short"),     index.columns("storage.over"),
          index.rows("storage.end")};
}

class Storage final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule& rule) override {
    const auto& st = ctx.study.storage;
    const std::size_t S = st.size();
    const int T = static_cast<int>(ctx.T);
    index.add_columns("storage.charge", alloc.column_block(S, T));
    index.add_columns("storage.discharge", alloc.column_block(S, T));
    index.add_columns("storage.level", alloc.column_block(S, T));
    std::vector<char> inflow(S, 0), power(S, 0);
    for (std::size_t s = 0; s < S; ++s) {
      inflow[s] = st.has_inflow(s, ctx.study.series) ? 1 : 0;
      power[s] = st.energy_only[s] ? 0 : 1;
    }
    index.add_columns("storage.spill", alloc.column_block(S, T, inflow));
    const bool free_start = ctx.scope.start == Level::free;
    index.add_columns("storage.start", alloc.column_block(S, 1, std::vector<char>(S, free_start ? 1 : 0)));
    index.add_rows("storage.balance", alloc.row_block(S, T));
    const std::vector<char> coupled(S, ctx.scope.coupling && T > 0 ? 1 : 0);
    for (const char* block : {"storage.end", "storage.short", "storage.over"})
      index.add_columns(block, alloc.column_block(S, 1, coupled));
    index.add_rows("storage.end", alloc.row_block(S, 1, coupled));

    Limit charge{model::AssetKind::storage, "storage.charge", "chargemax"};
    charge.profiles = &st.charge_max_pu;
    charge.applies = power;
    charge.clamp = true;
    rule.declare(charge);
    Limit discharge{model::AssetKind::storage, "storage.discharge", "dischargemax"};
    discharge.profiles = &st.dispatch_max_pu;
    discharge.applies = power;
    discharge.clamp = true;
    rule.declare(discharge);
    struct Levels {
      const char *flow, *max, *min;
    };
    // A coupled window's start column is the master's boundary level, which the master bounds.
    std::vector<Levels> limited{Levels{"storage.level", "energymax", "energymin"}};
    if (!ctx.scope.coupling) limited.push_back(Levels{"storage.start", "startmax", "startmin"});
    for (const Levels& levels : limited) {
      Limit max{model::AssetKind::storage, levels.flow, levels.max};
      max.profiles = &st.level_max_pu;
      max.factors = &st.max_hours;
      rule.declare(max);
      Limit min{model::AssetKind::storage, levels.flow, levels.min, true};
      min.profiles = &st.level_min_pu;
      min.factors = &st.max_hours;
      min.skip_if_zero = true;
      rule.declare(min);
    }
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const auto& st = ctx.study.storage;
    const auto [c, d, e, spill, start, level, end, short_, over, tie] = blocks(index);
    const auto set = [&lp](int j, double lower, double upper) {
      lp.col_lower[static_cast<std::size_t>(j)] = lower;
      lp.col_upper[static_cast<std::size_t>(j)] = upper;
    };
    for (std::size_t s = 0; s < st.size(); ++s) {
      const bool store = st.energy_only[s] != 0;
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const double w = ctx.weight(t);
        if (store) {
          set(c.at(s, t), 0.0, 0.0);
          set(d.at(s, t), -lp::infinity, lp::infinity);
        }
        const int j = e.at(s, t);
        set(j, ctx.at(st.level_min_pu[s], t) < 0 ? -lp::infinity : 0.0, lp::infinity);
        const double fixed = ctx.at(st.level_set_mwh[s], t);
        if (model::is_given(fixed)) set(j, fixed, fixed);
        if (t + 1 == ctx.T && ctx.scope.end == Level::fixed) {
          const double end = ctx.scope.end_mwh[s];
          set(j, std::max(lp.col_lower[static_cast<std::size_t>(j)], end), std::min(lp.col_upper[static_cast<std::size_t>(j)], end));
        }
        lp.cost[static_cast<std::size_t>(d.at(s, t))] = st.marginal_cost_eur_per_mwh[s] * w;
        lp.cost[static_cast<std::size_t>(j)] = st.marginal_cost_storage_eur_per_mwh_h[s] * w;
        const double inflow = ctx.at(st.inflow_mw[s], t);
        double rhs = ctx.store_weight(t) * inflow;
        if (t == 0) rhs += start_level(ctx, s);
        const auto row = static_cast<std::size_t>(level.at(s, t));
        lp.row_lower[row] = lp.row_upper[row] = rhs;
        if (spill.has(s)) {
          set(spill.at(s, t), 0.0, inflow);
          lp.cost[static_cast<std::size_t>(spill.at(s, t))] = st.spill_cost_eur_per_mwh[s] * w;
        }
      }
      if (start.has(s)) set(start.at(s), ctx.at(st.level_min_pu[s], 0) < 0 ? -lp::infinity : 0.0, lp::infinity);
      if (end.has(s)) {
        set(end.at(s), -lp::infinity, lp::infinity);  // the caller fixes it
        for (const Block* slack : {&short_, &over}) {
          set(slack->at(s), 0.0, lp::infinity);
          lp.cost[static_cast<std::size_t>(slack->at(s))] = ctx.scope.coupling->level_penalty_eur_per_mwh;
        }
        const auto row = static_cast<std::size_t>(tie.at(s));
        lp.row_lower[row] = lp.row_upper[row] = 0.0;
      }
    }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    const auto& st = ctx.study.storage;
    const auto [c, d, e, spill, start, level, end, short_, over, tie] = blocks(index);
    const Block& balance = index.rows("balance");
    const std::size_t T = ctx.T;
    for (std::size_t s = 0; s < st.size(); ++s) {
      const bool cyclic = ctx.cyclic(s);
      const auto r = static_cast<std::size_t>(st.region[s]);
      for (std::size_t t = 0; t < T; ++t) {
        const int row = level.at(s, t);
        const double h = ctx.store_weight(t);
        const double keep = storage_keep(ctx.study, s, ctx.snapshot(t));
        const bool carries = t > 0 || cyclic;
        const std::size_t previous = t == 0 ? T - 1 : t - 1;
        if (carries && previous == t) {
          sink.add(row, e.at(s, t), 1.0 - keep);  // one cyclic snapshot: e − keep·e
        } else {
          sink.add(row, e.at(s, t), 1.0);
          if (carries) sink.add(row, e.at(s, previous), -keep);
        }
        if (t == 0 && start.has(s)) sink.add(row, start.at(s), -keep);
        sink.add(row, c.at(s, t), -st.efficiency_store[s] * h);
        sink.add(row, d.at(s, t), h / st.efficiency_dispatch[s]);
        if (spill.has(s)) sink.add(row, spill.at(s, t), h);
        sink.add(balance.at(r, t), c.at(s, t), -1.0);
        sink.add(balance.at(r, t), d.at(s, t), 1.0);
      }
      if (tie.has(s)) {
        sink.add(tie.at(s), e.at(s, T - 1), 1.0);
        sink.add(tie.at(s), short_.at(s), 1.0);
        sink.add(tie.at(s), over.at(s), -1.0);
        sink.add(tie.at(s), end.at(s), -1.0);
      }
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    const auto n = lp_names(ctx.study, model::AssetKind::storage);
    names.columns(index.columns("storage.charge"), "charge", n);
    names.columns(index.columns("storage.discharge"), "discharge", n);
    names.columns(index.columns("storage.level"), "soc", n);
    names.columns(index.columns("storage.spill"), "spill", n);
    names.columns(index.columns("storage.start"), "start", n, true);
    names.rows(index.rows("storage.balance"), "level", n);
    names.columns(index.columns("storage.end"), "end", n, true);
    names.columns(index.columns("storage.short"), "endshort", n, true);
    names.columns(index.columns("storage.over"), "endover", n, true);
    names.rows(index.rows("storage.end"), "endtie", n, true);
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const auto& st = ctx.study.storage;
    const std::size_t S = st.size();
    res.storage_charge = model::Matrix(S, ctx.T);
    res.storage_discharge = model::Matrix(S, ctx.T);
    res.storage_soc = model::Matrix(S, ctx.T);
    res.storage_spill = model::Matrix(S, ctx.T);
    copy_series(solution, index.columns("storage.charge"), res.storage_charge);
    copy_series(solution, index.columns("storage.discharge"), res.storage_discharge);
    copy_series(solution, index.columns("storage.level"), res.storage_soc);
    copy_series(solution, index.columns("storage.spill"), res.storage_spill);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t t = 0; t < ctx.T; ++t)
        res.operating_cost_eur += ctx.weight(t) * (st.marginal_cost_eur_per_mwh[s] * res.storage_discharge(s, t) +
                                                   st.marginal_cost_storage_eur_per_mwh_h[s] * res.storage_soc(s, t) +
                                                   st.spill_cost_eur_per_mwh[s] * res.storage_spill(s, t));
    }
  }
};

}  // namespace

double start_level(const Context& ctx, std::size_t s) {
  switch (ctx.scope.start) {
    case Level::as_study: return ctx.study.storage.cyclic[s] ? 0.0 : ctx.study.storage.initial_mwh[s];
    case Level::fixed: return storage_keep(ctx.study, s, ctx.snapshot(0)) * ctx.scope.start_mwh[s];
    case Level::cyclic:
    case Level::free: return 0.0;
  }
  return 0.0;
}

double storage_co2_t_per_mwh(const Context& ctx, std::size_t s) {
  const auto& st = ctx.study.storage;
  if (ctx.cyclic(s) || st.carrier[s] < 0) return 0.0;
  return ctx.study.carriers.co2_t_per_mwh_fuel[static_cast<std::size_t>(st.carrier[s])];
}

std::unique_ptr<Family> make_storage() { return std::make_unique<Storage>(); }

}  // namespace silkgrid::formulate
