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

namespace {
// splitmix64 (Steele, Lea and Flood 2014): a fixed sequence on every platform, unlike the
// standard library's distributions.
std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
}  // namespace

std::vector<std::vector<int>> sample_orders(int n, int samples, std::uint64_t seed) {
  std::vector<std::vector<int>> orders(static_cast<std::size_t>(samples));
  std::uint64_t state = seed;
  for (auto& o : orders) {
    o.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) o[static_cast<std::size_t>(i)] = i;
    for (int i = n - 1; i > 0; --i) {  // Fisher–Yates
      const auto j = static_cast<int>((next(state) >> 11) * 0x1.0p-53 * (i + 1));
      std::swap(o[static_cast<std::size_t>(i)], o[static_cast<std::size_t>(std::min(j, i))]);
    }
  }
  return orders;
}

std::vector<Mask> coalitions_of(const std::vector<std::vector<int>>& orders) {
  std::vector<Mask> out;
  for (const auto& o : orders) {
    Mask S = 0;
    for (std::size_t k = 0; k < o.size(); ++k) {
      S |= Mask{1} << o[k];
      if (k >= 1) out.push_back(S);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

ShapleyEstimate shapley_sampled(const std::function<double(Mask)>& v, int n, const std::vector<std::vector<int>>& orders) {
  const auto value = [&](Mask S) { return std::popcount(S) >= 2 ? v(S) : 0.0; };
  std::vector<double> sum(static_cast<std::size_t>(n), 0.0), sum_sq(static_cast<std::size_t>(n), 0.0);
  for (const auto& o : orders) {
    Mask S = 0;
    double before = 0;
    for (int i : o) {
      S |= Mask{1} << i;
      const double now = value(S);
      const double m = now - before;
      sum[static_cast<std::size_t>(i)] += m;
      sum_sq[static_cast<std::size_t>(i)] += m * m;
      before = now;
    }
  }
  ShapleyEstimate e;
  const auto M = static_cast<double>(orders.size());
  for (int i = 0; i < n; ++i) {
    const double mean = M > 0 ? sum[static_cast<std::size_t>(i)] / M : 0.0;
    e.value.push_back(mean);
    const double var = M > 1 ? std::max(0.0, (sum_sq[static_cast<std::size_t>(i)] - M * mean * mean) / (M - 1)) : 0.0;
    e.standard_error.push_back(M > 0 ? std::sqrt(var / M) : 0.0);
  }
  return e;
}

std::vector<Mask> core_violations(const std::map<Mask, double>& values, int n, const std::vector<double>& x, double grand,
                                  double tol) {
  std::vector<Mask> out;
  const Mask all = n >= 64 ? ~Mask{0} : (Mask{1} << n) - 1;
  for (const auto& [S, vS] : values) {
    if (S == 0 || S == all) continue;
    double got = 0;
    for (int i = 0; i < n; ++i)
      if (S & (Mask{1} << i)) got += x[static_cast<std::size_t>(i)];
    if (got < vS - tol * std::max(1.0, std::abs(grand))) out.push_back(S);
  }
  return out;
}

model::Study coalition_study(const model::Study& study, const std::vector<std::string>& players, Mask mask) {
  model::Study s = study;
  const auto member = [&](int region) {
    const std::string& country = study.regions.country[static_cast<std::size_t>(region)];
    const auto it = std::find(players.begin(), players.end(), country);
    return it != players.end() && (mask & (Mask{1} << static_cast<unsigned>(it - players.begin())));
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
