// Markets: export x[m,t] ≤ max_export_mw and import y[m,t] ≤ max_import_mw per snapshot
// (bounds only; "market.export", "market.import"), y − x in the market's region's balance.
// Export revenue lowers the objective (cost −w·price), imports raise it (+w·price). A market's
// import price should exceed its export price (the spread of real cross-border trade: fees,
// losses, bid–ask; README, "Trade"); at one price both ways the results are netted.
#include <algorithm>

#include "formulate/family.hpp"
#include "model/cbam.hpp"

namespace silkgrid::formulate {

namespace {

class Markets final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule&) override {
    const std::size_t M = ctx.study.markets.size();
    index.add_columns("market.export", alloc.column_block(M, static_cast<int>(ctx.T)));
    index.add_columns("market.import", alloc.column_block(M, static_cast<int>(ctx.T)));
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const auto& m = ctx.study.markets;
    const Block& x = index.columns("market.export");
    const Block& y = index.columns("market.import");
    for (std::size_t i = 0; i < m.size(); ++i)
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const auto jx = static_cast<std::size_t>(x.at(i, t)), jy = static_cast<std::size_t>(y.at(i, t));
        lp.col_upper[jx] = ctx.at(m.max_export_mw[i], t);
        lp.col_upper[jy] = ctx.at(m.max_import_mw[i], t);
        lp.cost[jx] = -ctx.at(m.export_price_eur_per_mwh[i], t) * ctx.weight(t);
        lp.cost[jy] = ctx.at(m.import_price_eur_per_mwh[i], t) * ctx.weight(t);
      }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    const auto& m = ctx.study.markets;
    const Block& x = index.columns("market.export");
    const Block& y = index.columns("market.import");
    const Block& balance = index.rows("balance");
    for (std::size_t i = 0; i < m.size(); ++i) {
      const auto r = static_cast<std::size_t>(m.region[i]);
      for (std::size_t t = 0; t < ctx.T; ++t) {
        sink.add(balance.at(r, t), x.at(i, t), -1.0);
        sink.add(balance.at(r, t), y.at(i, t), 1.0);
      }
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    names.columns(index.columns("market.export"), "export", ctx.study.markets.name);
    names.columns(index.columns("market.import"), "import", ctx.study.markets.name);
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const auto& m = ctx.study.markets;
    const std::size_t M = m.size();
    res.market_export = model::Matrix(M, ctx.T);
    res.market_import = model::Matrix(M, ctx.T);
    res.market_exports_mwh.assign(M, 0.0);
    res.market_imports_mwh.assign(M, 0.0);
    res.market_export_revenue_eur.assign(M, 0.0);
    res.market_import_cost_eur.assign(M, 0.0);
    copy_series(solution, index.columns("market.export"), res.market_export);
    copy_series(solution, index.columns("market.import"), res.market_import);
    // At one price both ways (no spread, no CBAM) importing and exporting at once is a tie the
    // LP may break either way: net them, which changes neither the balance nor the objective,
    // so that a market never shows both in one snapshot. With a spread the optimum never does.
    for (std::size_t i = 0; i < M; ++i) {
      if (model::market_cbam_eur_per_mwh(ctx.study, i) != 0.0) continue;
      for (std::size_t t = 0; t < ctx.T; ++t) {
        double& x = res.market_export(i, t);
        double& y = res.market_import(i, t);
        if (x <= 0 || y <= 0 || ctx.at(m.export_price_eur_per_mwh[i], t) != ctx.at(m.import_price_eur_per_mwh[i], t)) continue;
        const double both = std::min(x, y);
        x -= both;
        y -= both;
      }
    }
    for (std::size_t i = 0; i < M; ++i) {
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const double w = ctx.weight(t);
        res.market_exports_mwh[i] += w * res.market_export(i, t);
        res.market_imports_mwh[i] += w * res.market_import(i, t);
        res.market_export_revenue_eur[i] += w * res.market_export(i, t) * ctx.at(m.export_price_eur_per_mwh[i], t);
        res.market_import_cost_eur[i] += w * res.market_import(i, t) * ctx.at(m.import_price_eur_per_mwh[i], t);
      }
      res.export_revenue_eur += res.market_export_revenue_eur[i];
      res.import_cost_eur += res.market_import_cost_eur[i];
    }
  }
};

}  // namespace

std::unique_ptr<Family> make_markets() { return std::make_unique<Markets>(); }

}  // namespace silkgrid::formulate
