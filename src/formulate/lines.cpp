// Lines and transformers: lossless flows f[l,t] ("line.flow", free in sign, from → to
// positive) within ±s_max_pu·S through the capacity rule ("linemax", "linemin"), and
// Kirchhoff's voltage law around each cycle of the network (rows "kvl"):
//   Σ_cycle ±(z_l / z_max)·f[l,t] = −Σ_cycle ±φ_l / z_max,
// z = x (AC) or r (DC) per unit of 1 MVA, φ a transformer's phase shift in radians (PyPSA:
// P = (θ0 − θ1 − φ)/x), scaled by the largest impedance in the cycle to keep coefficients near 1.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "formulate/cycles.hpp"
#include "formulate/family.hpp"

namespace silkgrid::formulate {

namespace {

double largest_impedance(const model::Lines& lines, const std::vector<std::pair<int, double>>& cycle) {
  double largest = 0;
  for (const auto& [line, sign] : cycle) largest = std::max(largest, lines.impedance_pu(static_cast<std::size_t>(line)));
  return largest;
}

class Lines final : public Family {
 public:
  void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule& rule) override {
    const auto& lines = ctx.study.lines;
    const int T = static_cast<int>(ctx.T);
    index.add_columns("line.flow", alloc.column_block(lines.size(), T));
    // ±s_max_pu × the share of circuits in service × S
    Limit max{model::AssetKind::line, "line.flow", "linemax"};
    max.profiles = &lines.availability;
    max.factors = &lines.s_max_pu;
    rule.declare(max);
    Limit min{model::AssetKind::line, "line.flow", "linemin", true};
    min.profiles = &lines.availability;
    min.factors = &lines.s_max_pu;
    min.factor = -1.0;
    rule.declare(min);
    cycles_ = line_cycles(ctx.study);
    index.add_rows("kvl", alloc.row_block(cycles_.size(), T));
  }

  void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const override {
    const auto& lines = ctx.study.lines;
    const Block& f = index.columns("line.flow");
    for (std::size_t l = 0; l < lines.size(); ++l)
      for (std::size_t t = 0; t < ctx.T; ++t) lp.col_lower[static_cast<std::size_t>(f.at(l, t))] = -lp::infinity;
    const Block& kvl = index.rows("kvl");
    for (std::size_t c = 0; c < cycles_.size(); ++c) {
      double shift = 0;  // −Σ ±φ in radians, over the same scale as the row
      for (const auto& [line, sign] : cycles_[c]) shift -= sign * lines.phase_shift_deg[static_cast<std::size_t>(line)];
      const double rhs = shift == 0 ? 0.0 : shift * std::numbers::pi / 180.0 / largest_impedance(lines, cycles_[c]);
      for (std::size_t t = 0; t < ctx.T; ++t) {
        const auto row = static_cast<std::size_t>(kvl.at(c, t));
        lp.row_lower[row] = lp.row_upper[row] = rhs;
      }
    }
  }

  void entries(const Context& ctx, const Index& index, Entries& sink) const override {
    const auto& lines = ctx.study.lines;
    const Block& f = index.columns("line.flow");
    const Block& balance = index.rows("balance");
    for (std::size_t l = 0; l < lines.size(); ++l)
      for (std::size_t t = 0; t < ctx.T; ++t) {
        sink.add(balance.at(static_cast<std::size_t>(lines.from[l]), t), f.at(l, t), -1.0);
        sink.add(balance.at(static_cast<std::size_t>(lines.to[l]), t), f.at(l, t), 1.0);
      }
    const Block& kvl = index.rows("kvl");
    for (std::size_t c = 0; c < cycles_.size(); ++c) {
      const double largest = largest_impedance(lines, cycles_[c]);
      for (std::size_t t = 0; t < ctx.T; ++t)
        for (const auto& [line, sign] : cycles_[c])
          sink.add(kvl.at(c, t), f.at(static_cast<std::size_t>(line), t),
                   sign * lines.impedance_pu(static_cast<std::size_t>(line)) / largest);
    }
  }

  void names(const Context& ctx, const Index& index, Names& names) const override {
    names.columns(index.columns("line.flow"), "fline", lp_names(ctx.study, model::AssetKind::line));
    std::vector<std::string> cycle_names;
    for (std::size_t c = 0; c < cycles_.size(); ++c) cycle_names.push_back(fmt::format("cycle{}", c));
    names.rows(index.rows("kvl"), "kvl", cycle_names);
  }

  void extract(const Context& ctx, const Index& index, const lp::Solution& solution,
               model::Results& res) const override {
    const std::size_t N = ctx.study.lines.size();
    res.line_flow = model::Matrix(N, ctx.T);
    copy_series(solution, index.columns("line.flow"), res.line_flow);
  }

 private:
  std::vector<std::vector<std::pair<int, double>>> cycles_;
};

}  // namespace

std::unique_ptr<Family> make_lines() { return std::make_unique<Lines>(); }

}  // namespace silkgrid::formulate
