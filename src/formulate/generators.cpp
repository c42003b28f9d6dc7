// Generators: output p[g,t] ("generator.p"), +p in its region's balance. Its limits
// p_min_pu·P ≤ p ≤ p_max_pu·P go to the capacity rule (capacity.cpp): bounds where P is fixed,
// rows "pmax" and (where p_min_pu is not zero) "pmin" where it is extendable. p may be negative
// only where p_min_pu is (a generator that consumes: PyPSA's sign −1).
// Cost of p: weight · (fuel / efficiency + vom), or the time-varying marginal cost where given.
// Results: dispatch, energy, curtailment of renewable carriers, CO2 per generator and region,
// operating cost.
#include <algorithm>

#include "formulate/family.hpp"
#include "model/costs.hpp"

namespace silkgrid::formulate {

namespace {

class Generators final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule& rule) override {
    const auto& gen = ctx.study.generators;
    index.add_columns("generator.p", alloc.column_block(gen.size(), static_cast<int>(ctx.T)));
    Limit max{model::AssetKind::generator, "generator.p", "pmax"};
    max.profiles = &gen.p_max_pu;
    rule.declare(max);
    Limit min{model::AssetKind::generator, "generator.p", "pmin", true};
    min.profiles = &gen.p_min_pu;
    min.skip_if_zero = true;
    rule.declare(min);
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const auto& gen = ctx.study.generators;
    const Block& p = index.columns("generator.p");
    for (std::size_t g = 0; g < gen.size(); ++g)
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const auto j = static_cast<std::size_t>(p.at(g, t));
        lp.cost[j] = model::marginal_cost_eur_per_mwh(ctx.study, g, ctx.snapshot(t)) * ctx.weight(t);
        lp.col_lower[j] = ctx.at(gen.p_min_pu[g], t) < 0 ? -lp::infinity : 0.0;
        lp.col_upper[j] = lp::infinity;
      }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    const auto& gen = ctx.study.generators;
    const Block& p = index.columns("generator.p");
    const Block& balance = index.rows("balance");
    for (std::size_t g = 0; g < gen.size(); ++g) {
      const auto r = static_cast<std::size_t>(gen.region[g]);
      for (std::size_t t = 0; t < ctx.T; ++t) sink.add(balance.at(r, t), p.at(g, t), 1.0);
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    names.columns(index.columns("generator.p"), "p", ctx.study.generators.name);
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const auto& study = ctx.study;
    const auto& gen = study.generators;
    const std::size_t G = gen.size();
    res.generator_p = model::Matrix(G, ctx.T);
    res.generator_energy_mwh.assign(G, 0.0);
    res.generator_curtailment_mwh.assign(G, 0.0);
    res.generator_co2_t.assign(G, 0.0);
    res.region_co2_t.assign(study.regions.size(), 0.0);
    copy_series(solution, index.columns("generator.p"), res.generator_p);
    for (std::size_t g = 0; g < G; ++g) {
      const double cap = capacity_value(ctx, index, solution, model::AssetKind::generator, g);
      const bool renewable = study.carriers.renewable[static_cast<std::size_t>(gen.carrier[g])] != 0;
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const double p = res.generator_p(g, t), w = ctx.weight(t);
        res.generator_energy_mwh[g] += w * p;
        res.operating_cost_eur += w * p * model::marginal_cost_eur_per_mwh(study, g, ctx.snapshot(t));
        if (renewable) res.generator_curtailment_mwh[g] += w * std::max(0.0, ctx.at(gen.p_max_pu[g], t) * cap - p);
      }
      res.generator_co2_t[g] = res.generator_energy_mwh[g] * model::co2_t_per_mwh(study, g);
      res.region_co2_t[static_cast<std::size_t>(gen.region[g])] += res.generator_co2_t[g];
    }
  }
};

}  // namespace

std::unique_ptr<Family> make_generators() { return std::make_unique<Generators>(); }

}  // namespace silkgrid::formulate
