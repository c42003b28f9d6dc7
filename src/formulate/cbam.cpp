// CBAM (README, "CBAM"): the EU's carbon border adjustment on electricity entering the CBAM
// area (Regulation (EU) 2023/956). No columns or rows of its own: it prices the flows that
// cross into the area, at c = factor · (EU carbon price − carbon price paid at origin) EUR per
// MWh received (model/cbam.hpp):
//   link k into the area, forward:  cost += w_t · c_k · η_k · f⁺[k,t]  (backward likewise)
//   market m standing for the area: cost += w_t · c_m · x[m,t]
// and reads back what each link and market paid (Results::cbam_cost_eur and its parts).
#include "formulate/family.hpp"
#include "model/cbam.hpp"

namespace silkgrid::formulate {

namespace {

class Cbam final : public Family {
 public:
  void allocate(const Context&, Allocator&, Index&, CapacityRule&) override {}

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const model::Study& study = ctx.study;
    if (!study.cbam.present) return;
    const Block& fwd = index.columns("link.forward");
    const Block& bwd = index.columns("link.backward");
    for (std::size_t k = 0; k < study.links.size(); ++k) {
      const double eta = study.links.efficiency[k];
      const double forward = model::link_cbam_eur_per_mwh(study, k, true) * eta;
      const double backward = model::link_cbam_eur_per_mwh(study, k, false) * eta;
      for (std::size_t t = 0; t < ctx.T; ++t) {
        lp.cost[static_cast<std::size_t>(fwd.at(k, t))] += forward * ctx.weight(t);
        if (bwd.has(k)) lp.cost[static_cast<std::size_t>(bwd.at(k, t))] += backward * ctx.weight(t);
      }
    }
    const Block& x = index.columns("market.export");
    for (std::size_t i = 0; i < study.markets.size(); ++i) {
      const double c = model::market_cbam_eur_per_mwh(study, i);
      for (std::size_t t = 0; t < ctx.T; ++t) lp.cost[static_cast<std::size_t>(x.at(i, t))] += c * ctx.weight(t);
    }
  }

  void entries(const Context&, const Index&, Entries&) const override {}
  void names(const Context&, const Index&, Names&) const override {}

  void extract(const Context& ctx, const Index&, const lp::Solution&, model::Results& res) const override {
    const model::Study& study = ctx.study;
    res.link_cbam_cost_eur.assign(study.links.size(), 0.0);
    res.market_cbam_cost_eur.assign(study.markets.size(), 0.0);
    res.cbam_cost_eur = 0;
    if (!study.cbam.present) return;
    for (std::size_t k = 0; k < study.links.size(); ++k) {
      const double eta = study.links.efficiency[k];
      const double forward = model::link_cbam_eur_per_mwh(study, k, true) * eta;
      const double backward = model::link_cbam_eur_per_mwh(study, k, false) * eta;
      for (std::size_t t = 0; t < ctx.T; ++t)
        res.link_cbam_cost_eur[k] += ctx.weight(t) * (forward * res.link_forward(k, t) + backward * res.link_backward(k, t));
      res.cbam_cost_eur += res.link_cbam_cost_eur[k];
    }
    for (std::size_t i = 0; i < study.markets.size(); ++i) {
      const double c = model::market_cbam_eur_per_mwh(study, i);
      for (std::size_t t = 0; t < ctx.T; ++t) res.market_cbam_cost_eur[i] += ctx.weight(t) * c * res.market_export(i, t);
      res.cbam_cost_eur += res.market_cbam_cost_eur[i];
    }
  }
};

}  // namespace

std::unique_ptr<Family> make_cbam() { return std::make_unique<Cbam>(); }

}  // namespace silkgrid::formulate
