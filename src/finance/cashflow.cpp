#include "finance/cashflow.hpp"

#include <cmath>

namespace silkgrid::finance {

double npv(double rate, const std::vector<double>& flows) {
  double value = 0, discount = 1;
  for (double f : flows) {
    value += f / discount;
    discount *= 1.0 + rate;
  }
  return value;
}

std::optional<double> irr(const std::vector<double>& flows) {
  bool positive = false, negative = false;
  for (double f : flows) {
    positive = positive || f > 0;
    negative = negative || f < 0;
  }
  if (!positive || !negative) return std::nullopt;
  // Bracket a sign change of npv on a grid, first from 0 upwards to 1000 %, then from 0 down
  // to −99 %, so that the root nearest the usual range is found first; then bisect.
  const auto bisect = [&](double a, double b) {
    double fa = npv(a, flows);
    for (int i = 0; i < 200 && std::abs(b - a) > 1e-13; ++i) {
      const double m = 0.5 * (a + b);
      const double fm = npv(m, flows);
      if ((fm < 0) == (fa < 0)) {
        a = m;
        fa = fm;
      } else {
        b = m;
      }
    }
    return 0.5 * (a + b);
  };
  for (const std::vector<double>& side : {std::vector<double>{0.0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0},
                                          std::vector<double>{0.0, -0.05, -0.1, -0.2, -0.35, -0.5, -0.75, -0.9, -0.99}}) {
    for (std::size_t i = 1; i < side.size(); ++i) {
      const double f0 = npv(side[i - 1], flows), f1 = npv(side[i], flows);
      if (f0 == 0) return side[i - 1];
      if ((f0 < 0) != (f1 < 0)) return bisect(side[i - 1], side[i]);
    }
  }
  return std::nullopt;
}

DebtSchedule debt_schedule(double amount, double rate, int tenor_years, int grace_years, int first_year, int years) {
  DebtSchedule d;
  const auto n = static_cast<std::size_t>(std::max(years, 0));
  d.interest.assign(n, 0.0);
  d.principal.assign(n, 0.0);
  d.service.assign(n, 0.0);
  d.balance.assign(n, 0.0);
  double balance = amount;
  const int repaying = tenor_years - grace_years;
  const double payment = repaying > 0 ? amount * annuity_factor(rate, repaying) : 0.0;
  for (int y = 0; y < years; ++y) {
    const auto i = static_cast<std::size_t>(y);
    if (y < first_year) {
      d.balance[i] = y + 1 == first_year ? amount : 0.0;
      continue;
    }
    const int k = y - first_year;  // years since the first repayment year
    if (k >= tenor_years || balance <= 0) continue;
    d.interest[i] = balance * rate;
    if (k >= grace_years) d.principal[i] = k + 1 == tenor_years ? balance : payment - d.interest[i];
    d.service[i] = d.interest[i] + d.principal[i];
    balance -= d.principal[i];
    d.balance[i] = balance;
  }
  return d;
}

}  // namespace silkgrid::finance
