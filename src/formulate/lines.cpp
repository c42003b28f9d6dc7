// Lines and transformers: lossless flows f ∈ [−s_max_pu·S, s_max_pu·S] (bounds when S is fixed,
// two rows when extendable), and Kirchhoff's voltage law around each cycle of the network:
//   Σ_cycle ±(z_l / z_max)·f[l,t] = −Σ_cycle ±φ_l / z_max,
// z = x (AC) or r (DC) per unit of 1 MVA, φ a transformer's phase shift in radians (PyPSA:
// P = (θ0 − θ1 − φ)/x), scaled by the largest impedance in the cycle to keep coefficients near 1.
#include <algorithm>
#include <cmath>

#include <numbers>

#include "formulate/problem.hpp"

namespace silkgrid::formulate {

namespace {
double largest_impedance(const model::Lines& lines, const std::vector<std::pair<int, double>>& cycle) {
  double largest = 0;
  for (const auto& [line, sign] : cycle) largest = std::max(largest, lines.impedance_pu(static_cast<std::size_t>(line)));
  return largest;
}
}  // namespace

void line_bounds(const Problem& problem, lp::LinearProgram& lp) {
  const auto& lines = problem.study.lines;
  const auto& L = problem.layout;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const bool fixed = L.line_capacity[l] == none;
    const double limit = fixed ? lines.s_max_pu[l] * lines.invest.p_nom_mw[l] : lp::infinity;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const auto j = static_cast<std::size_t>(L.f_line(l, t));
      lp.col_lower[j] = -limit;
      lp.col_upper[j] = limit;
    }
    if (fixed) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      lp.row_lower[static_cast<std::size_t>(L.line_max[l]) + t] = -lp::infinity;
      lp.row_upper[static_cast<std::size_t>(L.line_max[l]) + t] = 0.0;
      lp.row_lower[static_cast<std::size_t>(L.line_min[l]) + t] = 0.0;
      lp.row_upper[static_cast<std::size_t>(L.line_min[l]) + t] = lp::infinity;
    }
  }
  for (std::size_t c = 0; c < L.cycles.size(); ++c) {
    double shift = 0;  // −Σ ±φ in radians, over the same scale as the row
    for (const auto& [line, sign] : L.cycles[c]) shift -= sign * lines.phase_shift_deg[static_cast<std::size_t>(line)];
    const double rhs = shift == 0 ? 0.0 : shift * std::numbers::pi / 180.0 / largest_impedance(lines, L.cycles[c]);
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const auto row = static_cast<std::size_t>(L.kvl_row(c, t));
      lp.row_lower[row] = lp.row_upper[row] = rhs;
    }
  }
}

template <typename Sink>
void line_entries(const Problem& problem, Sink& sink) {
  const auto& lines = problem.study.lines;
  const auto& L = problem.layout;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const int S = L.line_capacity[l];
    if (S == none) continue;
    for (std::size_t t = 0; t < problem.T(); ++t) {
      const int ti = static_cast<int>(t);
      sink.add(L.line_max[l] + ti, L.f_line(l, t), 1.0);
      sink.add(L.line_max[l] + ti, S, -lines.s_max_pu[l]);
      sink.add(L.line_min[l] + ti, L.f_line(l, t), 1.0);
      sink.add(L.line_min[l] + ti, S, lines.s_max_pu[l]);
    }
  }
  for (std::size_t c = 0; c < L.cycles.size(); ++c) {
    const double largest = largest_impedance(lines, L.cycles[c]);
    for (std::size_t t = 0; t < problem.T(); ++t)
      for (const auto& [line, sign] : L.cycles[c])
        sink.add(L.kvl_row(c, t), L.f_line(static_cast<std::size_t>(line), t),
                 sign * lines.impedance_pu(static_cast<std::size_t>(line)) / largest);
  }
}

template void line_entries<CountSink>(const Problem&, CountSink&);
template void line_entries<FillSink>(const Problem&, FillSink&);

}  // namespace silkgrid::formulate
