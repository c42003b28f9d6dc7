// The capacity rule, written once for every asset kind (generators, links, lines, storage), as
// PyPSA's define_operational_constraints_for_extendables serves them all:
//   - a capacity column per extendable asset ("capacity.generator", "capacity.link",
//     "capacity.line", "capacity.storage") in [max(p_nom, p_nom_min), p_nom_max], costing its
//     annuity per MW-year (capex · annuity factor at the asset's cost of capital + fixed O&M) on
//     the whole optimal capacity;
//   - for every flow another family declared (Limit, family.hpp): rows flow − pu·capacity ≤ 0
//     (or ≥ 0) where the capacity is a column, bounds flow ≤ pu·capacity (or ≥) where it is
//     fixed: the study's p_nom, or the scope's fixed value (a decomposition's master point).
//     The LP of a window with fixed capacities costs only its operation: the capacities'
//     annuities are the master's (extract still reports them). A coupled window (scope.hpp)
//     keeps the capacity columns, costing nothing, for the caller to fix.
// Results: capacities, each asset's annuity per MW-year (under BuildOptions::capital), the
// annualised capex of extendable assets and the fixed cost of the others.
#include <algorithm>
#include <array>

#include "formulate/family.hpp"
#include "finance/annuity.hpp"
#include "model/costs.hpp"

namespace silkgrid::formulate {

namespace {

constexpr std::array kinds = {model::AssetKind::generator, model::AssetKind::link, model::AssetKind::line,
                              model::AssetKind::storage};

}  // namespace

const char* capacity_block(model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::generator: return "capacity.generator";
    case model::AssetKind::link: return "capacity.link";
    case model::AssetKind::line: return "capacity.line";
    case model::AssetKind::storage: return "capacity.storage";
  }
  return "";
}

namespace {

const char* column_label(model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::generator: return "P";
    case model::AssetKind::link: return "F";
    case model::AssetKind::line: return "Sline";
    case model::AssetKind::storage: return "S";
  }
  return "";
}

double annuity(const Context& ctx, model::AssetKind kind, std::size_t i) {
  return finance::asset_annuity(ctx.study, kind, i, ctx.capital);
}

std::size_t table_size(const model::Study& study, model::AssetKind kind) { return asset_names(study, kind).size(); }

const model::Investment& invest(const model::Study& study, model::AssetKind kind) {
  return model::investment_of(study, model::AssetRef{kind, 0});
}

// The capacity of an asset whose capacity is not a column.
double fixed_capacity(const Context& ctx, model::AssetKind kind, std::size_t i) {
  if (ctx.scope.fixed_capacities) {
    const auto& c = *ctx.scope.fixed_capacities;
    const std::vector<double>* v = kind == model::AssetKind::generator ? &c.generator
                                   : kind == model::AssetKind::link    ? &c.link
                                   : kind == model::AssetKind::line    ? &c.line
                                                                       : &c.storage;
    if (!v->empty()) return (*v)[i];
  }
  return invest(ctx.study, kind).p_nom_mw[i];
}

class Capacity final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule& rule) override {
    for (const auto kind : kinds) {
      const std::size_t n = table_size(ctx.study, kind);
      std::vector<char> has(n, 0);
      if (ctx.capacities_are_columns())
        for (std::size_t i = 0; i < n; ++i) has[i] = invest(ctx.study, kind).extendable[i];
      index.add_columns(capacity_block(kind), alloc.column_block(n, 1, has));
    }
    limits_ = rule.limits();
    for (const Limit& limit : limits_) {
      const Block& flow = index.columns(limit.flow);
      const Block& capacity = index.columns(capacity_block(limit.kind));
      std::vector<char> rows(flow.size(), 0);
      for (std::size_t i = 0; i < flow.size(); ++i) {
        if (!flow.has(i) || !limit.applies_to(i) || !capacity.has(i)) continue;
        bool nonzero = !limit.skip_if_zero;
        for (int t = 0; t < flow.length && !nonzero; ++t) nonzero = limit.pu(ctx, i, static_cast<std::size_t>(t)) != 0.0;
        rows[i] = nonzero ? 1 : 0;
      }
      index.add_rows(limit.label, alloc.row_block(flow.size(), flow.length, rows));
    }
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const auto& study = ctx.study;
    for (const auto kind : kinds) {
      const Block& capacity = index.columns(capacity_block(kind));
      const model::Investment& inv = invest(study, kind);
      for (std::size_t i = 0; i < capacity.size(); ++i) {
        if (capacity.has(i)) {
          const auto j = static_cast<std::size_t>(capacity.at(i));
          lp.col_lower[j] = std::max(inv.p_nom_mw[i], inv.p_nom_min_mw[i]);
          lp.col_upper[j] = inv.p_nom_max_mw[i];
          lp.cost[j] = ctx.scope.coupling ? 0.0 : annuity(ctx, kind, i);  // coupled: the master pays
        }
      }
    }
    for (const Limit& limit : limits_) {
      const Block& flow = index.columns(limit.flow);
      const Block& capacity = index.columns(capacity_block(limit.kind));
      const Block& rows = index.rows(limit.label);
      for (std::size_t i = 0; i < flow.size(); ++i) {
        if (!flow.has(i) || !limit.applies_to(i)) continue;
        if (capacity.has(i)) {
          if (!rows.has(i)) continue;
          for (int t = 0; t < rows.length; ++t) {
            const auto r = static_cast<std::size_t>(rows.at(i, static_cast<std::size_t>(t)));
            lp.row_lower[r] = limit.at_least ? 0.0 : -lp::infinity;
            lp.row_upper[r] = limit.at_least ? lp::infinity : 0.0;
          }
          continue;
        }
        const double cap = fixed_capacity(ctx, limit.kind, i);
        for (int t = 0; t < flow.length; ++t) {
          const auto j = static_cast<std::size_t>(flow.at(i, static_cast<std::size_t>(t)));
          const double v = limit.pu(ctx, i, static_cast<std::size_t>(t)) * cap;
          if (limit.at_least) lp.col_lower[j] = std::max(lp.col_lower[j], v);
          else lp.col_upper[j] = std::min(lp.col_upper[j], limit.clamp ? std::max(0.0, v) : v);
        }
      }
    }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    for (const Limit& limit : limits_) {
      const Block& flow = index.columns(limit.flow);
      const Block& capacity = index.columns(capacity_block(limit.kind));
      const Block& rows = index.rows(limit.label);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!rows.has(i)) continue;
        for (int t = 0; t < rows.length; ++t) {
          const auto tt = static_cast<std::size_t>(t);
          sink.add(rows.at(i, tt), flow.at(i, tt), 1.0);
          sink.add(rows.at(i, tt), capacity.at(i), -limit.pu(ctx, i, tt));
        }
      }
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    for (const auto kind : kinds)
      names.columns(index.columns(capacity_block(kind)), column_label(kind), lp_names(ctx.study, kind), true);
    for (const Limit& limit : limits_)
      names.rows(index.rows(limit.label), limit.label.c_str(), lp_names(ctx.study, limit.kind));
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const auto& study = ctx.study;
    for (const auto kind : kinds) {
      const std::size_t n = table_size(study, kind);
      std::vector<double> caps(n), annuities(n), reduced(n, 0.0);
      const Block& column = index.columns(capacity_block(kind));
      for (std::size_t i = 0; i < n; ++i) {
        caps[i] = capacity_value(ctx, index, solution, kind, i);
        if (column.has(i) && static_cast<std::size_t>(column.at(i)) < solution.col_reduced_cost.size())
          reduced[i] = solution.col_reduced_cost[static_cast<std::size_t>(column.at(i))];
        annuities[i] = annuity(ctx, kind, i);
        const double cost = annuities[i] * caps[i];
        if (invest(study, kind).extendable[i]) res.annualised_capex_eur += cost;
        else res.fixed_cost_existing_eur += cost;
      }
      switch (kind) {
        case model::AssetKind::generator:
          res.generator_capacity_mw = caps;
          res.generator_annuity_eur_per_mw_year = annuities;
          res.generator_capacity_reduced_cost = reduced;
          break;
        case model::AssetKind::link:
          res.link_capacity_mw = caps;
          res.link_annuity_eur_per_mw_year = annuities;
          res.link_capacity_reduced_cost = reduced;
          break;
        case model::AssetKind::line:
          res.line_capacity_mw = caps;
          res.line_annuity_eur_per_mw_year = annuities;
          res.line_capacity_reduced_cost = reduced;
          break;
        case model::AssetKind::storage:
          res.storage_annuity_eur_per_mw_year = annuities;
          res.storage_capacity_reduced_cost = reduced;
          res.storage_power_mw.resize(n);
          res.storage_energy_mwh.resize(n);
          for (std::size_t s = 0; s < n; ++s) {
            res.storage_power_mw[s] = study.storage.energy_only[s] ? 0.0 : caps[s];
            res.storage_energy_mwh[s] = caps[s] * study.storage.max_hours[s];
          }
          break;
      }
    }
  }

 private:
  std::vector<Limit> limits_;  // as declared; their pointers into the study are read during the build only
};

}  // namespace

double capacity_value(const Context& ctx, const Index& index, const lp::Solution& solution, model::AssetKind kind,
                      std::size_t i) {
  const Block& capacity = index.columns(capacity_block(kind));
  return capacity.has(i) ? value_of(solution, capacity.at(i)) : fixed_capacity(ctx, kind, i);
}

std::unique_ptr<Family> make_capacity() { return std::make_unique<Capacity>(); }

}  // namespace silkgrid::formulate
