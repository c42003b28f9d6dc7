// Energy balance per region and snapshot of the window:
//   Σ injections of the other families + u = load     (rows "balance", columns "unserved")
// Every family adds its own terms to these rows (generators +p, links −f at the sending end and
// +η·f at the receiving one, lines, storage d − c, markets y − x). Unserved load u ≤ load costs
// VOLL (none where VOLL is infinite: PyPSA networks shed no load). The dual of a balance row
// divided by the snapshot weight is the price at that region and hour.
#include <cmath>

#include "formulate/family.hpp"

namespace silkgrid::formulate {

namespace {

class Balance final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule&) override {
    const std::size_t R = ctx.study.regions.size();
    const int T = static_cast<int>(ctx.T);
    index.add_rows("balance", alloc.row_block(R, T));
    index.add_columns("unserved", alloc.column_block(R, T));
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const Block& balance = index.rows("balance");
    const Block& u = index.columns("unserved");
    const double voll = ctx.study.settings.voll_eur_per_mwh;
    const bool sheddable = std::isfinite(voll);
    for (std::size_t r = 0; r < ctx.study.regions.size(); ++r)
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const auto row = static_cast<std::size_t>(balance.at(r, t));
        lp.row_lower[row] = lp.row_upper[row] = ctx.load(r, t);
        const auto j = static_cast<std::size_t>(u.at(r, t));
        lp.col_upper[j] = sheddable ? ctx.load(r, t) : 0.0;
        lp.cost[j] = sheddable ? voll * ctx.weight(t) : 0.0;
      }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    const Block& balance = index.rows("balance");
    const Block& u = index.columns("unserved");
    for (std::size_t r = 0; r < ctx.study.regions.size(); ++r)
      for (std::size_t t = 0; t < ctx.T; ++t) sink.add(balance.at(r, t), u.at(r, t), 1.0);
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    names.rows(index.rows("balance"), "balance", ctx.study.regions.name);
    names.columns(index.columns("unserved"), "unserved", ctx.study.regions.name);
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const std::size_t R = ctx.study.regions.size();
    const Block& balance = index.rows("balance");
    res.region_load = ctx.load;
    res.region_unserved = model::Matrix(R, ctx.T);
    res.region_price = model::Matrix(R, ctx.T);
    res.region_load_mwh.assign(R, 0.0);
    res.region_unserved_mwh.assign(R, 0.0);
    const bool has_duals = ctx.duals;
    copy_series(solution, index.columns("unserved"), res.region_unserved);
    for (std::size_t r = 0; r < R; ++r) {
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const double w = ctx.weight(t);
        res.region_load_mwh[r] += w * res.region_load(r, t);
        res.region_unserved_mwh[r] += w * res.region_unserved(r, t);
        if (res.region_unserved(r, t) != 0.0)
          res.unserved_cost_eur += w * res.region_unserved(r, t) * ctx.study.settings.voll_eur_per_mwh;
        if (has_duals) res.region_price(r, t) = solution.row_dual[static_cast<std::size_t>(balance.at(r, t))] / w;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Family> make_balance() { return std::make_unique<Balance>(); }

}  // namespace silkgrid::formulate
