#pragma once
// Cooperative games of countries (README, "Who gains from cooperation"): a coalition's value
// v(S) = Σ_{c∈S} C_c(alone) − C_S(together), the Shapley value, the core and the least core.
// With every player outside S alone, the system's cost is C_S + Σ_{c∉S} C_c(alone), so
// v(S) = cost(nobody cooperates) − cost(S cooperates): one solve per coalition.
// Coalitions are bit masks over the players (bit i: player i), v indexed by mask, v[0] = 0.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "model/study.hpp"

namespace silkgrid::appraise {

// φ_i = Σ_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)); exact, n ≤ 20.
std::vector<double> shapley(const std::vector<double>& v, int n);

// The coalitions S (proper, non-empty) whose members get less than v(S) under `x`, beyond `tol`.
std::vector<std::uint32_t> core_violations(const std::vector<double>& v, int n, const std::vector<double>& x,
                                           double tol = 1e-6);

// The least core: max ε such that Σ_{i∈S} x_i ≥ v(S) + ε for every proper non-empty S and
// Σ x = v(N) (an LP, Clp); the core is empty exactly when ε < 0. The allocation returned is
// the LP's (one of the least core's).
struct LeastCore {
  double epsilon = 0;
  std::vector<double> allocation;
};
LeastCore least_core(const std::vector<double>& v, int n, core::Logger& log);

// Beyond a few countries the 2^n coalitions are too many: the Shapley value is then estimated
// by sampling orders of arrival (Castro, Gómez and Tejada 2009, "Polynomial calculation of the
// Shapley value based on sampling", Computers & Operations Research 36(5)). In each order a
// player gets its marginal contribution to the players before it; the estimate is the mean over
// the orders and its standard error the sample standard deviation over √M. Each order's
// contributions add up to v(N), so the estimate is efficient whatever M.
using Mask = std::uint64_t;
inline constexpr int max_players = 63;

// `samples` orders of 0 … n − 1, uniform, from `seed` alone (the same on every platform).
std::vector<std::vector<int>> sample_orders(int n, int samples, std::uint64_t seed);
// The coalitions whose values the orders need (every prefix of two or more players), sorted.
std::vector<Mask> coalitions_of(const std::vector<std::vector<int>>& orders);
struct ShapleyEstimate {
  std::vector<double> value, standard_error;
};
// `v`: the value of a coalition of two or more players (those alone are worth 0).
ShapleyEstimate shapley_sampled(const std::function<double(Mask)>& v, int n, const std::vector<std::vector<int>>& orders);
// The coalitions of `values` (proper, non-empty) whose members get less than their value under
// `x`, beyond `tol` of v(N) = `grand`.
std::vector<Mask> core_violations(const std::map<Mask, double>& values, int n, const std::vector<double>& x, double grand,
                                  double tol = 1e-6);

// The study with its cross-border links and lines open only between two players of `mask`
// (every other cross-border link and line closed: capacity 0, not extendable); the players'
// external markets stay. Countries that are not players stay isolated in every coalition.
model::Study coalition_study(const model::Study& study, const std::vector<std::string>& players, Mask mask);

}  // namespace silkgrid::appraise
