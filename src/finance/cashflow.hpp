#pragma once
// Yearly cash-flow arithmetic in real terms: present values, internal rates of return and the
// debt service of a loan with grace years. Year 0 is the first entry of every series.
#include <optional>
#include <vector>

#include "finance/annuity.hpp"

namespace silkgrid::finance {

// r / (1 − (1 + r)^−n): the level yearly payment that repays 1 over n years at rate r;
// 1/n at r = 0.


// Σ_y flows[y] / (1 + rate)^y.
double npv(double rate, const std::vector<double>& flows);

// The rate in (−1, ∞) that makes npv zero, found by bracketing and bisection to 1e-12; none
// when the flows do not change sign or no root is bracketed below 1000 %.
std::optional<double> irr(const std::vector<double>& flows);

// A loan of `amount` drawn before year `first_year`: interest only for `grace_years`, then a
// level annuity over the remaining tenor. Every vector spans `years` entries (the timeline of
// the project); entries outside the tenor are 0.
struct DebtSchedule {
  std::vector<double> interest, principal, service, balance;  // balance: after the year's payment
};
DebtSchedule debt_schedule(double amount, double rate, int tenor_years, int grace_years, int first_year, int years);

}  // namespace silkgrid::finance
