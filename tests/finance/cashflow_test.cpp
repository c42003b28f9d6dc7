// Finance functions against values known independently (tables, the IRR, hand sums).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "finance/cashflow.hpp"

using namespace silkgrid::finance;

TEST(Cashflow, AnnuityFactorMatchesCapitalRecoveryTables) {
  EXPECT_NEAR(annuity_factor(0.07, 25), 0.0858105, 1e-7);  // capital recovery factor, 7 %, 25 years
  EXPECT_NEAR(annuity_factor(0.10, 10), 0.1627454, 1e-7);
  EXPECT_DOUBLE_EQ(annuity_factor(0.0, 20), 0.05);
  EXPECT_EQ(annuity_factor(0.05, 0), 0.0);
}

TEST(Cashflow, NetPresentValueByHand) {
  // −100 + 39/1.1 + 59/1.21 + 55/1.331 + 20/1.4641
  EXPECT_NEAR(npv(0.10, {-100, 39, 59, 55, 20}), 39.197459, 1e-6);
  EXPECT_NEAR(npv(0.0, {-100, 39, 59, 55, 20}), 73.0, 1e-12);
}

TEST(Cashflow, InternalRateOfReturn) {
  const auto r = irr({-100, 39, 59, 55, 20});
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(*r, 0.2809484, 1e-7);
  // A loan of 100 repaid by 110 a year later: 10 %.
  EXPECT_NEAR(*irr({-100, 110}), 0.10, 1e-10);
  // Losing money: a negative rate. −100 + 50x + 40x² = 0 with x = 1/(1+r): x = (−50 + √18500)/80.
  EXPECT_NEAR(*irr({-100, 50, 40}), 80.0 / (-50.0 + std::sqrt(18500.0)) - 1.0, 1e-10);
  EXPECT_FALSE(irr({10, 20}).has_value());
  EXPECT_FALSE(irr({-10, -20}).has_value());
}

TEST(Cashflow, LevelAnnuityDebtServiceWithGraceYears) {
  // 1,000 at 5 % over 3 years, repaid from year 1: 367.2086 a year (capital recovery factor 0.3672086).
  auto d = debt_schedule(1000, 0.05, 3, 0, 1, 5);
  for (int y = 1; y <= 3; ++y) EXPECT_NEAR(d.service[static_cast<std::size_t>(y)], 367.2085646, 1e-6) << y;
  EXPECT_NEAR(d.interest[1], 50.0, 1e-9);
  EXPECT_NEAR(d.principal[1] + d.principal[2] + d.principal[3], 1000.0, 1e-9);
  EXPECT_NEAR(d.balance[3], 0.0, 1e-9);
  EXPECT_EQ(d.service[0], 0.0);
  EXPECT_EQ(d.service[4], 0.0);
  // One grace year: interest only (50), then 1,000 over 2 years: 537.8049 a year.
  d = debt_schedule(1000, 0.05, 3, 1, 1, 5);
  EXPECT_NEAR(d.service[1], 50.0, 1e-9);
  EXPECT_NEAR(d.principal[1], 0.0, 1e-12);
  EXPECT_NEAR(d.service[2], 537.8048780, 1e-6);
  EXPECT_NEAR(d.service[3], 537.8048780, 1e-6);
  EXPECT_NEAR(d.balance[3], 0.0, 1e-9);
}

// One annuity function serves the build-out, the cash flows and PyPSA's overnight costs: an
// infinite lifetime recovers the rate itself (PyPSA's convention), 0 at a rate of 0.
TEST(Cashflow, AnnuityFactorOfAnInfiniteLifetimeIsTheRate) {
  EXPECT_EQ(annuity_factor(0.07, std::numeric_limits<double>::infinity()), 0.07);
  EXPECT_EQ(annuity_factor(0.0, std::numeric_limits<double>::infinity()), 0.0);
  EXPECT_NEAR(annuity_factor(0.1, 2), 0.1 / (1.0 - 1.0 / 1.21), 1e-15);
}
