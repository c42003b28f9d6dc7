#include "appraise/coalitions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/error.hpp"
#include "lp/linear_program.hpp"
#include "lp/solver.hpp"

namespace silkgrid::appraise {

std::vector<double> shapley(const std::vector<double>& v, int n) {
  std::vector<double> weight(static_cast<std::size_t>(n), 0.0);  // |S|! (n − |S| − 1)! / n!
  for (int s = 0; s < n; ++s) {
    double w = 1.0 / n;
    // 1 / (n · C(n − 1, s))
    double c = 1;
    for (int k = 0; k < s; ++k) c = c * (n - 1 - k) / (k + 1);
    w /= c;
    weight[static_cast<std::size_t>(s)] = w;
  }
  std::vector<double> phi(static_cast<std::size_t>(n), 0.0);
  const std::uint32_t all = (1u << n);
  for (std::uint32_t S = 0; S < all; ++S)
    for (int i = 0; i < n; ++i) {
      if (S & (1u << i)) continue;
      const auto size = static_cast<std::size_t>(std::popcount(S));
      phi[static_cast<std::size_t>(i)] += weight[size] * (v[S | (1u << i)] - v[S]);
    }
  return phi;
}

std::vector<std::uint32_t> core_violations(const std::vector<double>& v, int n, const std::vector<double>& x, double tol) {
  std::vector<std::uint32_t> out;
  const std::uint32_t all = (1u << n) - 1;
  for (std::uint32_t S = 1; S < all; ++S) {
    double got = 0;
    for (int i = 0; i < n; ++i)
      if (S & (1u << i)) got += x[static_cast<std::size_t>(i)];
    if (got < v[S] - tol * std::max(1.0, std::abs(v[all]))) out.push_back(S);
  }
  return out;
}

LeastCore least_core(const std::vector<double>& v, int n, core::Logger& log) {
  lp::LinearProgram lp;
  for (int i = 0; i < n; ++i) lp::add_column(lp, -lp::infinity, lp::infinity, 0.0);
  const int eps = lp::add_column(lp, -lp::infinity, lp::infinity, -1.0);  // maximise ε
  const std::uint32_t all = (1u << n) - 1;
  std::vector<lp::Row> rows;
  for (std::uint32_t S = 1; S <= all; ++S) {
    lp::Row r;
    for (int i = 0; i < n; ++i)
      if (S & (1u << i)) r.entries.push_back({i, 1.0});
    if (S == all) {
      r.lower = r.upper = v[S];
    } else {
      r.entries.push_back({eps, -1.0});
      r.lower = v[S];
      r.upper = lp::infinity;
    }
    rows.push_back(std::move(r));
  }
  lp::add_rows(lp, rows);
  const lp::Solution s = lp::solve(lp, lp::SolveOptions{}, log);
  if (s.status != lp::Status::optimal)
    throw core::Error(core::ErrorKind::solver, fmt::format("the least-core LP has no optimum: {}", s.status_text));
  LeastCore out;
  out.epsilon = s.col_value[static_cast<std::size_t>(eps)];
  out.allocation.assign(s.col_value.begin(), s.col_value.begin() + n);
  return out;
}

model::Study coalition_study(const model::Study& study, const std::vector<std::string>& players, std::uint32_t mask) {
  model::Study s = study;
  const auto member = [&](int region) {
    const std::string& country = study.regions.country[static_cast<std::size_t>(region)];
    const auto it = std::find(players.begin(), players.end(), country);
    return it != players.end() && (mask & (1u << static_cast<unsigned>(it - players.begin())));
  };
  const auto close = [](model::Investment& inv, std::size_t i) {
    inv.extendable[i] = 0;
    inv.p_nom_mw[i] = 0;
    inv.p_nom_min_mw[i] = 0;
  };
  const auto& regions = study.regions;
  for (std::size_t k = 0; k < s.links.size(); ++k) {
    const int a = s.links.from[k], b = s.links.to[k];
    if (regions.country[static_cast<std::size_t>(a)] == regions.country[static_cast<std::size_t>(b)]) continue;
    if (!(member(a) && member(b))) close(s.links.invest, k);
  }
  for (std::size_t l = 0; l < s.lines.size(); ++l) {
    const int a = s.lines.from[l], b = s.lines.to[l];
    if (regions.country[static_cast<std::size_t>(a)] == regions.country[static_cast<std::size_t>(b)]) continue;
    if (!(member(a) && member(b))) close(s.lines.invest, l);
  }
  return s;
}

}  // namespace silkgrid::appraise
