// Climate-finance accounting by hand: grant elements of loans in closed form, the OECD DAC
// pro-rata attribution of private finance mobilised on two- and three-project portfolios, the
// effectiveness figures, and views that add up.
#include <gtest/gtest.h>

#include <cmath>

#include "finance/accounting.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
using finance::loan_grant_element;
using model::ProviderKind;
using model::Tranche;
using model::TrancheKind;

namespace {

Tranche tranche(TrancheKind kind, double share, double rate, int tenor, int grace, const std::string& provider,
                ProviderKind provider_kind) {
  Tranche t;
  t.kind = kind;
  t.share = share;
  t.rate = rate;
  t.tenor_years = tenor;
  t.grace_years = grace;
  t.provider = provider;
  t.provider_kind = provider_kind;
  return t;
}

// Project A (KZ), capex EUR 100 m:
//   EU grant 20 %; EBRD concessional loan 30 % at 1 %, 20 years, 5 grace; BankA loan 20 % at 8 %,
//   10 years; the sponsor's equity 30 %. Public (EU, EBRD) 50 m, private 50 m.
finance::ProjectFinanceInput project_a() {
  finance::ProjectFinanceInput p;
  p.name = "A";
  p.country = "KZ";
  p.capex_eur = 100e6;
  p.capacity_mw = 100;
  p.annual_energy_mwh = 200000;
  p.co2_avoided_t_per_year = 10000;
  p.lifetime_years = 25;
  p.tranches = {tranche(TrancheKind::grant, 0.2, 0, 0, 0, "EU", ProviderKind::government),
                tranche(TrancheKind::concessional_debt, 0.3, 0.01, 20, 5, "EBRD", ProviderKind::mdb),
                tranche(TrancheKind::commercial_debt, 0.2, 0.08, 10, 0, "BankA", ProviderKind::commercial_bank),
                tranche(TrancheKind::equity, 0.3, 0.12, 0, 0, "sponsor", ProviderKind::corporate)};
  return p;
}

// Project B (AZ), capex EUR 200 m, all private: BankB 60 % at 8 %, 10 years; equity 40 %.
finance::ProjectFinanceInput project_b() {
  finance::ProjectFinanceInput p;
  p.name = "B";
  p.country = "AZ";
  p.capex_eur = 200e6;
  p.capacity_mw = 300;
  p.annual_energy_mwh = 600000;
  p.co2_avoided_t_per_year = 40000;
  p.lifetime_years = 20;
  p.tranches = {tranche(TrancheKind::commercial_debt, 0.6, 0.08, 10, 0, "BankB", ProviderKind::commercial_bank),
                tranche(TrancheKind::equity, 0.4, 0.12, 0, 0, "sponsor", ProviderKind::corporate)};
  return p;
}

// Project C (KZ), capex EUR 50 m: ADB concessional loan 40 % at 2 %, 15 years, 3 grace; AIIB
// loan 10 % at 6 %, 15 years (public, not concessional); EBRD concessional 20 % as in A; an
// institutional investor's loan 30 % at 7 %, 12 years. Public 35 m, private 15 m.
finance::ProjectFinanceInput project_c() {
  finance::ProjectFinanceInput p;
  p.name = "C";
  p.country = "KZ";
  p.capex_eur = 50e6;
  p.capacity_mw = 50;
  p.annual_energy_mwh = 100000;
  p.co2_avoided_t_per_year = 5000;
  p.lifetime_years = 20;
  p.tranches = {tranche(TrancheKind::concessional_debt, 0.4, 0.02, 15, 3, "ADB", ProviderKind::mdb),
                tranche(TrancheKind::commercial_debt, 0.1, 0.06, 15, 0, "AIIB", ProviderKind::mdb),
                tranche(TrancheKind::concessional_debt, 0.2, 0.01, 20, 5, "EBRD", ProviderKind::mdb),
                tranche(TrancheKind::commercial_debt, 0.3, 0.07, 12, 0, "Pension fund", ProviderKind::institutional)};
  return p;
}

// Grant elements in closed form (each worked out below): with a(n, d) = (1 − (1+d)^−n) / d and
// the level payment A = r / (1 − (1+r)^−(N−G)), PV = r · a(G, d) + A · (1+d)^−G · a(N−G, d).
constexpr double ge_ebrd = 0.37014173763851843;   // 1 %, 20 y, 5 grace at 5 % (below)
constexpr double ge_bank = -0.15076620835076082;  // 8 %, 10 y at 5 %
constexpr double ge_adb = 0.22154799739957776;    // 2 %, 15 y, 3 grace at 5 %
constexpr double ge_aiib = -0.06871828052205253;  // 6 %, 15 y at 5 %
constexpr double ge_pension = -0.1159010069787696;  // 7 %, 12 y at 5 %

double annuity_value(double n, double d) { return (1 - std::pow(1 + d, -n)) / d; }

}  // namespace

TEST(FinanceAccounting, GrantElementOfAnInterestFreeLoanWithoutGrace) {
  // 0 %, 10 years, no grace: 0.1 a year for 10 years.
  // At 5 %: a(10, 5 %) = (1 − 1.05^−10) / 0.05 = (1 − 0.6139133) / 0.05 = 7.7217349;
  //   GE = 1 − 0.1 · 7.7217349 = 0.2278265.
  EXPECT_NEAR(loan_grant_element(0.0, 10, 0, 0.05), 0.2278265070815182, 1e-9);
  // At 10 %: a(10, 10 %) = (1 − 1.1^−10) / 0.1 = (1 − 0.3855433) / 0.1 = 6.1445671;
  //   GE = 1 − 0.61445671 = 0.3855433.
  EXPECT_NEAR(loan_grant_element(0.0, 10, 0, 0.10), 0.3855432894295314, 1e-9);
}

TEST(FinanceAccounting, GrantElementOfALoanWithGrace) {
  // 2 %, 20 years, 5 grace: interest 0.02 in years 1–5, then A = 0.02 / (1 − 1.02^−15)
  // = 0.02 / (1 − 0.7430147) = 0.0778255 in years 6–20.
  // At 5 %: a(5) = 4.3294767, a(15) = 10.3796580, 1.05^−5 = 0.7835262;
  //   PV = 0.02 · 4.3294767 + 0.0778255 · 0.7835262 · 10.3796580 = 0.0865895 + 0.6329338 = 0.7195234;
  //   GE = 0.2804766.
  EXPECT_NEAR(loan_grant_element(0.02, 20, 5, 0.05), 0.280476627885591, 1e-9);
  // At 10 %: a(5) = 3.7907868, a(15) = 7.6060795, 1.1^−5 = 0.6209213;
  //   PV = 0.02 · 3.7907868 + 0.0778255 · 0.6209213 · 7.6060795 = 0.0758157 + 0.3675523 = 0.4433681;
  //   GE = 0.5566319.
  EXPECT_NEAR(loan_grant_element(0.02, 20, 5, 0.10), 0.5566319181182658, 1e-9);
  // The same closed form, written out here, for the portfolio's loans.
  const auto closed = [](double r, double n_years, double g, double d) {
    const double level = r / (1 - std::pow(1 + r, -(n_years - g)));
    return 1 - (r * (g > 0 ? annuity_value(g, d) : 0.0) + level * std::pow(1 + d, -g) * annuity_value(n_years - g, d));
  };
  EXPECT_NEAR(closed(0.01, 20, 5, 0.05), ge_ebrd, 1e-12);
  EXPECT_NEAR(loan_grant_element(0.01, 20, 5, 0.05), ge_ebrd, 1e-9);
  EXPECT_NEAR(loan_grant_element(0.08, 10, 0, 0.05), ge_bank, 1e-9);
  EXPECT_NEAR(loan_grant_element(0.02, 15, 3, 0.05), ge_adb, 1e-9);
  EXPECT_NEAR(loan_grant_element(0.06, 15, 0, 0.05), ge_aiib, 1e-9);
  EXPECT_NEAR(loan_grant_element(0.07, 12, 0, 0.05), ge_pension, 1e-9);
}

TEST(FinanceAccounting, ALoanAtTheReferenceRateHasNoGrantElement) {
  // Its service repays exactly its PV at its own rate, grace years or not.
  EXPECT_NEAR(loan_grant_element(0.05, 12, 3, 0.05), 0.0, 1e-12);
  EXPECT_NEAR(loan_grant_element(0.05, 20, 0, 0.05), 0.0, 1e-12);
  EXPECT_NEAR(loan_grant_element(0.10, 12, 3, 0.10), 0.0, 1e-12);
  // Dearer than the reference: negative.
  EXPECT_LT(loan_grant_element(0.08, 10, 0, 0.05), 0.0);
}

TEST(FinanceAccounting, GrantIsOneEquityIsZero) {
  EXPECT_EQ(finance::grant_element(tranche(TrancheKind::grant, 1, 0, 0, 0, "EU", ProviderKind::government), 0.05), 1.0);
  EXPECT_EQ(finance::grant_element(tranche(TrancheKind::equity, 1, 0.12, 0, 0, "sponsor", ProviderKind::corporate), 0.05),
            0.0);
  EXPECT_NEAR(finance::grant_element(tranche(TrancheKind::concessional_debt, 1, 0.02, 20, 5, "EBRD", ProviderKind::mdb), 0.10),
              0.5566319181182658, 1e-9);
}

TEST(FinanceAccounting, TwoProjectsByHand) {
  const auto acc = finance::account_finance({project_a(), project_b()}, {});
  ASSERT_EQ(acc.projects.size(), 2u);
  const auto& a = acc.projects[0];
  ASSERT_EQ(a.tranches.size(), 4u);
  // Amounts: share × capex.
  EXPECT_NEAR(a.tranches[0].amount_eur, 20e6, 1e-6);
  EXPECT_NEAR(a.tranches[1].amount_eur, 30e6, 1e-6);
  EXPECT_TRUE(a.tranches[0].is_public);
  EXPECT_TRUE(a.tranches[1].is_public);
  EXPECT_FALSE(a.tranches[2].is_public);
  EXPECT_FALSE(a.tranches[3].is_public);
  // Concessional: the grant, and EBRD's loan (GE 0.370 ≥ 0.35); not BankA's (−0.151) nor equity.
  EXPECT_TRUE(a.tranches[0].concessional);
  EXPECT_TRUE(a.tranches[1].concessional);
  EXPECT_FALSE(a.tranches[2].concessional);
  EXPECT_FALSE(a.tranches[3].concessional);
  // The project's grant element: (20 · 1 + 30 · 0.3701417 + 20 · (−0.1507662) + 30 · 0) / 100.
  EXPECT_NEAR(*a.totals.grant_element, (20 + 30 * ge_ebrd + 20 * ge_bank) / 100, 1e-9);
  // Mobilised: the private 50 m, attributed 20 : 30 to EU and EBRD.
  EXPECT_NEAR(a.totals.public_eur, 50e6, 1e-6);
  EXPECT_NEAR(a.totals.private_mobilised_eur, 50e6, 1e-6);
  EXPECT_NEAR(a.tranches[0].private_mobilised_eur, 20e6, 1e-6);
  EXPECT_NEAR(a.tranches[1].private_mobilised_eur, 30e6, 1e-6);
  EXPECT_EQ(a.tranches[2].private_mobilised_eur, 0.0);
  EXPECT_NEAR(*a.totals.mobilisation_ratio, 1.0, 1e-12);
  // Effectiveness: public 50 m over 10,000 t × 25 years = 200 EUR/t; concessional 50 m over
  // 100 MW = 500,000 EUR/MW and over 200,000 MWh × 25 = 5 m MWh = 10 EUR/MWh.
  EXPECT_NEAR(*a.totals.public_eur_per_t_co2, 200.0, 1e-9);
  EXPECT_NEAR(*a.totals.concessional_eur_per_mw, 500000.0, 1e-6);
  EXPECT_NEAR(*a.totals.concessional_eur_per_mwh, 10.0, 1e-9);
  // B has no public finance: it mobilises nothing and has no ratios.
  const auto& b = acc.projects[1];
  EXPECT_EQ(b.totals.public_eur, 0.0);
  EXPECT_EQ(b.totals.private_mobilised_eur, 0.0);
  EXPECT_FALSE(b.totals.mobilisation_ratio);
  EXPECT_FALSE(b.totals.co_financing_ratio);
  EXPECT_EQ(*b.totals.public_eur_per_t_co2, 0.0);  // no public money for its 800,000 t
  EXPECT_NEAR(*b.totals.concessional_share, 0.0, 1e-12);
  // Portfolio: committed 300, public 50, private 250, mobilised 50: mobilisation 1, but
  // co-financing (300 − 50) / 50 = 5 (B's private finance is co-finance of nobody's).
  EXPECT_NEAR(acc.portfolio.committed_eur, 300e6, 1e-6);
  EXPECT_NEAR(acc.portfolio.private_eur, 250e6, 1e-6);
  EXPECT_NEAR(*acc.portfolio.mobilisation_ratio, 1.0, 1e-12);
  EXPECT_NEAR(*acc.portfolio.co_financing_ratio, 5.0, 1e-12);
  // Public 50 m over 250,000 + 40,000 × 20 = 1,050,000 t.
  EXPECT_NEAR(*acc.portfolio.public_eur_per_t_co2, 50e6 / 1.05e6, 1e-9);
  // Countries and providers.
  EXPECT_NEAR(*acc.countries.at("KZ").mobilisation_ratio, 1.0, 1e-12);
  EXPECT_FALSE(acc.countries.at("AZ").mobilisation_ratio);
  EXPECT_NEAR(acc.providers.at("sponsor").committed_eur, 30e6 + 80e6, 1e-6);
  EXPECT_NEAR(acc.providers.at("EU").private_mobilised_eur, 20e6, 1e-6);
  EXPECT_NEAR(*acc.providers.at("EBRD").mobilisation_ratio, 1.0, 1e-12);
  EXPECT_EQ(acc.providers.at("BankB").private_mobilised_eur, 0.0);
  // KZ's concessional share: (20 + 30) / 100; AZ's 0.
  EXPECT_NEAR(*acc.countries.at("KZ").concessional_share, 0.5, 1e-12);
  EXPECT_NEAR(*acc.countries.at("AZ").concessional_share, 0.0, 1e-12);
}

TEST(FinanceAccounting, ThreeProjectsByHand) {
  const auto acc = finance::account_finance({project_a(), project_b(), project_c()}, {});
  const auto& c = acc.projects[2];
  // C: public ADB 20 + AIIB 5 + EBRD 10 = 35 m; private 15 m, attributed pro rata:
  // ADB 15 · 20/35 = 8.5714286, AIIB 15 · 5/35 = 2.1428571, EBRD 15 · 10/35 = 4.2857143.
  EXPECT_NEAR(c.totals.public_eur, 35e6, 1e-6);
  EXPECT_NEAR(c.tranches[0].private_mobilised_eur, 15e6 * 20 / 35, 1e-6);
  EXPECT_NEAR(c.tranches[1].private_mobilised_eur, 15e6 * 5 / 35, 1e-6);
  EXPECT_NEAR(c.tranches[2].private_mobilised_eur, 15e6 * 10 / 35, 1e-6);
  EXPECT_EQ(c.tranches[3].private_mobilised_eur, 0.0);
  // ADB's loan is labelled concessional but fails the IMF test (0.2215 < 0.35); AIIB's is
  // public and not concessional; EBRD's passes.
  EXPECT_FALSE(c.tranches[0].concessional);
  EXPECT_FALSE(c.tranches[1].concessional);
  EXPECT_TRUE(c.tranches[2].concessional);
  EXPECT_NEAR(c.totals.concessional_eur, 10e6, 1e-6);
  EXPECT_NEAR(*c.totals.grant_element, (20 * ge_adb + 5 * ge_aiib + 10 * ge_ebrd + 15 * ge_pension) / 50, 1e-9);
  // EBRD over A and C: committed 30 + 10 = 40 m, mobilised 30 + 4.2857143 = 34.2857143 m.
  const auto& ebrd = acc.providers.at("EBRD");
  EXPECT_NEAR(ebrd.committed_eur, 40e6, 1e-6);
  EXPECT_NEAR(ebrd.private_mobilised_eur, 30e6 + 15e6 * 10 / 35, 1e-6);
  EXPECT_NEAR(*ebrd.mobilisation_ratio, (30 + 15.0 * 10 / 35) / 40, 1e-12);
  // KZ (A + C): committed 150, public 85, private 65, mobilised 65; concessional 20 + 30 + 10 = 60.
  const auto& kz = acc.countries.at("KZ");
  EXPECT_NEAR(kz.committed_eur, 150e6, 1e-6);
  EXPECT_NEAR(kz.public_eur, 85e6, 1e-6);
  EXPECT_NEAR(kz.private_mobilised_eur, 65e6, 1e-6);
  EXPECT_NEAR(*kz.mobilisation_ratio, 65.0 / 85, 1e-12);
  EXPECT_NEAR(*kz.concessional_share, 60.0 / 150, 1e-12);
  // KZ's public 85 m over 250,000 + 5,000 × 20 = 350,000 t; concessional 60 m over 150 MW.
  EXPECT_NEAR(*kz.public_eur_per_t_co2, 85e6 / 350000, 1e-9);
  EXPECT_NEAR(*kz.concessional_eur_per_mw, 60e6 / 150, 1e-6);
  // Portfolio: committed 350, public 85, mobilised 65: ratios 65/85 and (350 − 85)/85.
  EXPECT_NEAR(acc.portfolio.committed_eur, 350e6, 1e-6);
  EXPECT_NEAR(*acc.portfolio.mobilisation_ratio, 65.0 / 85, 1e-12);
  EXPECT_NEAR(*acc.portfolio.co_financing_ratio, 265.0 / 85, 1e-12);
  EXPECT_NEAR(*acc.portfolio.concessional_share, 60.0 / 350, 1e-12);
}

TEST(FinanceAccounting, ViewsAddUp) {
  const auto acc = finance::account_finance({project_a(), project_b(), project_c()}, {});
  const auto fields = {&finance::FinanceTotals::committed_eur,         &finance::FinanceTotals::public_eur,
                       &finance::FinanceTotals::private_eur,           &finance::FinanceTotals::grant_eur,
                       &finance::FinanceTotals::concessional_eur,      &finance::FinanceTotals::grant_equivalent_eur,
                       &finance::FinanceTotals::private_mobilised_eur, &finance::FinanceTotals::concessional_loan_eur};
  for (auto field : fields) {
    double projects = 0, countries = 0, providers = 0, tranches = 0;
    for (const auto& p : acc.projects) {
      projects += p.totals.*field;
      for (const auto& t : p.tranches) {
        if (field == &finance::FinanceTotals::committed_eur) tranches += t.amount_eur;
        if (field == &finance::FinanceTotals::private_mobilised_eur) tranches += t.private_mobilised_eur;
      }
    }
    for (const auto& [name, t] : acc.countries) countries += t.*field;
    for (const auto& [name, t] : acc.providers) providers += t.*field;
    const double portfolio = acc.portfolio.*field;
    EXPECT_NEAR(projects, portfolio, 1e-3);
    EXPECT_NEAR(countries, portfolio, 1e-3);
    EXPECT_NEAR(providers, portfolio, 1e-3);
    if (field == &finance::FinanceTotals::committed_eur || field == &finance::FinanceTotals::private_mobilised_eur) {
      EXPECT_NEAR(tranches, portfolio, 1e-3);
    }
  }
  // Public + private = committed in every view.
  for (const auto& [name, t] : acc.providers) EXPECT_NEAR(t.public_eur + t.private_eur, t.committed_eur, 1e-6) << name;
  EXPECT_NEAR(acc.portfolio.public_eur + acc.portfolio.private_eur, acc.portfolio.committed_eur, 1e-6);
}

TEST(FinanceAccounting, ThresholdAndReferenceRateAreOptions) {
  // At 10 % the ADB loan's grant element is higher; with a threshold of 0.2 at 5 % it passes.
  finance::AccountingOptions lenient{0.05, 0.2};
  EXPECT_TRUE(finance::account_finance({project_c()}, lenient).projects[0].tranches[0].concessional);
  finance::AccountingOptions ten{0.10, 0.35};
  const auto acc = finance::account_finance({project_c()}, ten);
  // 2 %, 15 y, 3 grace at 10 %: interest 0.02 · a(3, 10 %) + A · 1.1^−3 · a(12, 10 %).
  const double level = 0.02 / (1 - std::pow(1.02, -12));
  const double expected = 1 - (0.02 * annuity_value(3, 0.10) + level * std::pow(1.1, -3) * annuity_value(12, 0.10));
  EXPECT_NEAR(acc.projects[0].tranches[0].grant_element, expected, 1e-9);
  EXPECT_TRUE(acc.projects[0].tranches[0].concessional);
  EXPECT_EQ(acc.options.reference_rate, 0.10);
}

TEST(FinanceAccounting, ProjectWithoutCapexHasNoRatios) {
  auto p = project_a();
  p.capex_eur = 0;
  p.co2_avoided_t_per_year = 0;
  const auto acc = finance::account_finance({p}, {});
  EXPECT_EQ(acc.portfolio.committed_eur, 0.0);
  EXPECT_FALSE(acc.portfolio.grant_element);
  EXPECT_FALSE(acc.portfolio.mobilisation_ratio);
  EXPECT_FALSE(acc.portfolio.public_eur_per_t_co2);
}
