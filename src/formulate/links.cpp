// Links: forward flow f⁺[k,t] ("link.forward") sent from → to, and on a bidirectional link a
// backward flow f⁻[k,t] ("link.backward") sent to → from. Losses sit in the balance: −f at the
// sending end, +η·f at the receiving one. Limits, through the capacity rule:
//   f⁺ ≤ p_max_pu·F ("fwdmax"), f⁺ ≥ p_min_pu·F where p_min_pu ≠ 0 ("fwdmin"; below 0 the
//   link is reversible, PyPSA's way), f⁻ ≤ p_max_pu·F ("bwdmax", at least 0 with a fixed F).
// Cost: weight · marginal cost per MWh sent, either way.
#include <algorithm>

#include "formulate/family.hpp"

namespace silkgrid::formulate {

namespace {

class Links final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule& rule) override {
    const auto& links = ctx.study.links;
    const int T = static_cast<int>(ctx.T);
    index.add_columns("link.forward", alloc.column_block(links.size(), T));
    index.add_columns("link.backward", alloc.column_block(links.size(), T, links.bidirectional));
    Limit fwd{model::AssetKind::link, "link.forward", "fwdmax"};
    fwd.profiles = &links.p_max_pu;
    rule.declare(fwd);
    Limit bwd{model::AssetKind::link, "link.backward", "bwdmax"};
    bwd.profiles = &links.p_max_pu;
    bwd.clamp = true;
    rule.declare(bwd);
    Limit min{model::AssetKind::link, "link.forward", "fwdmin", true};
    min.profiles = &links.p_min_pu;
    min.skip_if_zero = true;
    rule.declare(min);
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const auto& links = ctx.study.links;
    const Block& fwd = index.columns("link.forward");
    const Block& bwd = index.columns("link.backward");
    for (std::size_t k = 0; k < links.size(); ++k)
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const double cost = links.marginal_cost_eur_per_mwh[k] * ctx.weight(t);
        const auto j = static_cast<std::size_t>(fwd.at(k, t));
        lp.col_lower[j] = ctx.at(links.p_min_pu[k], t) < 0 ? -lp::infinity : 0.0;
        lp.cost[j] = cost;
        if (bwd.has(k)) lp.cost[static_cast<std::size_t>(bwd.at(k, t))] = cost;
      }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    const auto& links = ctx.study.links;
    const Block& fwd = index.columns("link.forward");
    const Block& bwd = index.columns("link.backward");
    const Block& balance = index.rows("balance");
    for (std::size_t k = 0; k < links.size(); ++k) {
      const auto from = static_cast<std::size_t>(links.from[k]);
      const auto to = static_cast<std::size_t>(links.to[k]);
      const double eta = links.efficiency[k];
      for (std::size_t t = 0; t < ctx.T; ++t) {
        sink.add(balance.at(from, t), fwd.at(k, t), -1.0);
        sink.add(balance.at(to, t), fwd.at(k, t), eta);
      }
      if (!bwd.has(k)) continue;
      for (std::size_t t = 0; t < ctx.T; ++t) {
        sink.add(balance.at(to, t), bwd.at(k, t), -1.0);
        sink.add(balance.at(from, t), bwd.at(k, t), eta);
      }
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    names.columns(index.columns("link.forward"), "ffwd", ctx.study.links.name);
    names.columns(index.columns("link.backward"), "fbwd", ctx.study.links.name);
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const auto& links = ctx.study.links;
    const std::size_t K = links.size();
    res.link_forward = model::Matrix(K, ctx.T);
    res.link_backward = model::Matrix(K, ctx.T);
    copy_series(solution, index.columns("link.forward"), res.link_forward);
    copy_series(solution, index.columns("link.backward"), res.link_backward);
    for (std::size_t k = 0; k < K; ++k) {
      for (std::size_t t = 0; t < ctx.T; ++t)
        res.operating_cost_eur +=
            ctx.weight(t) * links.marginal_cost_eur_per_mwh[k] * (res.link_forward(k, t) + res.link_backward(k, t));
    }
  }
};

}  // namespace

std::unique_ptr<Family> make_links() { return std::make_unique<Links>(); }

}  // namespace silkgrid::formulate
