// Project appraisal on tiny studies with closed-form answers.
#include <gtest/gtest.h>

#include <cmath>

#include "appraise/appraise.hpp"
#include "core/error.hpp"
#include "finance/cashflow.hpp"
#include "finance/structure.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

namespace {
// One region, one year as one snapshot of 8,760 h: 100 MW of load; gas at 25/0.5 = 50 EUR/MWh
// (0.2 t/MWh of fuel: 0.4 t/MWh) sets the price; a 100 MW solar plant at a flat 0.25 costs
// EUR 1,000/kW with 2 %/yr fixed O&M and lasts 25 years.
std::string study_with(const std::string& project, const std::string& solar_extra = "p_nom_mw: 100") {
  return R"(
study: {name: one, snapshots: 1, snapshot_hours: 8760, discount_rate: 0.10}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: solar, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: load, region: A, p_mw: 100}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 1000, efficiency: 0.5, fuel_eur_per_mwh_fuel: 25}
  - {name: pv, region: A, carrier: solar, )" + solar_extra + R"(, p_max_pu: 0.25, capex_eur_per_kw: 1000,
     fom_pct_per_year: 2, lifetime_years: 25}
projects:
)" + project;
}

struct Appraised {
  model::Study study;
  finance::ProjectFinance finance;
  model::Results results;
  std::vector<model::ProjectAppraisal> projects;
};

Appraised appraise_study(const std::string& yaml, finance::FinanceMode mode = finance::FinanceMode::as_given) {
  Appraised a;
  a.study = test::study_from(yaml);
  a.finance = finance::project_finance(a.study, mode);
  a.results = test::solve(a.study, a.finance.assets);
  a.projects = appraise::appraise_projects(a.study, a.finance, a.results);
  return a;
}

const double energy = 25.0 * 8760;  // MWh a year
const double capex = 1000.0 * 1000 * 100;
const double fom = 0.02 * capex;
}  // namespace

// All equity at 8 %, no tax: LCOE = capex · AF(8 %, 25) / E + opex / E; NPV and IRR the
// textbook ones for −capex then 25 years of (revenue − opex).
TEST(Appraise, AllEquityWithoutTaxGivesTheTextbookFigures) {
  const auto a = appraise_study(study_with(R"(
  - {name: pv-project, assets: [pv], country: AZ, finance: {tranches: [{kind: equity, share: 1, rate: 0.08}]},
     carbon: {credit_price_eur_per_t: 20}}
)"));
  ASSERT_EQ(a.projects.size(), 1u);
  const auto& p = a.projects[0];
  const double af = 0.0936788;  // capital recovery factor, 8 %, 25 years (tables)
  EXPECT_NEAR(p.wacc, 0.08, 1e-12);
  EXPECT_NEAR(p.capex_eur, capex, 1e-6);
  EXPECT_NEAR(p.annual_energy_mwh, energy, 1e-6);
  EXPECT_NEAR(p.capture_price_eur_per_mwh, 50.0, 1e-6);
  EXPECT_NEAR(p.lcoe_eur_per_mwh, capex * af / energy + fom / energy, 1e-3);
  // Region factor: gas makes 75 MW at 0.4 t/MWh of 100 MW in all: 0.3 t/MWh; the plant avoids 0.3·E.
  EXPECT_NEAR(p.baseline_t_per_mwh, 0.3, 1e-9);
  EXPECT_NEAR(p.co2_avoided_t_per_year, 0.3 * energy, 1e-6);
  EXPECT_NEAR(p.carbon_revenue_eur_per_year, 20 * 0.3 * energy, 1e-6);
  const double yearly = 50.0 * energy + 20 * 0.3 * energy - fom;
  EXPECT_NEAR(p.npv_eur, -capex + yearly / af, 1e-6 * capex);
  ASSERT_TRUE(p.project_irr.has_value());
  const double r = *p.project_irr;
  EXPECT_NEAR(yearly * (1 - std::pow(1 + r, -25)) / r, capex, 1e-3);  // the annuity of the IRR repays the capex
  EXPECT_NEAR(*p.equity_irr, r, 1e-9);                                // no debt: the same flows
  EXPECT_FALSE(p.dscr_min.has_value());
  // Abatement cost: (LCOE − capture price) / baseline, the credit price that zeroes the NPV.
  EXPECT_NEAR(*p.abatement_cost_eur_per_t, (capex * af / energy + fom / energy - 50.0) / 0.3, 1e-3);
  // Payback: 1e8 / yearly, rounded up.
  EXPECT_EQ(*p.payback_year, static_cast<int>(std::ceil(capex / yearly)));
  ASSERT_EQ(p.years.size(), 26u);
  EXPECT_NEAR(p.years[0].project_cash_flow_eur, -capex, 1e-6);
}

// The issue's blended structure with 20 % tax: WACC = (0.4·2 %·0.8 + 0.2·9 %·0.8 + 0.3·14 %) / 0.9;
// year 1: concessional interest only (4e7 · 2 %), commercial annuity 2e7 · AF(9 %, 15);
// tax on EBITDA − depreciation (9e7 / 25) − interest; DSCR = (EBITDA − tax) / debt service.
TEST(Appraise, BlendedFinanceDebtServiceTaxAndDscr) {
  const auto a = appraise_study(study_with(R"(
  - name: pv-project
    assets: [pv]
    construction_years: 2
    finance:
      tranches:
        - {kind: grant, share: 0.1}
        - {kind: concessional_debt, share: 0.4, rate: 0.02, tenor_years: 20, grace_years: 3}
        - {kind: commercial_debt, share: 0.2, rate: 0.09, tenor_years: 15}
        - {kind: equity, share: 0.3, rate: 0.14}
      tax_rate: 0.2
)"));
  const auto& p = a.projects[0];
  EXPECT_NEAR(p.wacc, (0.4 * 0.02 * 0.8 + 0.2 * 0.09 * 0.8 + 0.3 * 0.14) / 0.9, 1e-12);
  EXPECT_NEAR(p.grant_eur, 0.1 * capex, 1e-6);
  ASSERT_EQ(p.years.size(), 27u);  // 2 construction years + 25
  EXPECT_NEAR(p.years[0].capex_eur, capex / 2, 1e-6);
  EXPECT_NEAR(p.years[1].equity_cash_flow_eur, -0.3 * capex / 2, 1e-6);
  const auto& y1 = p.years[2];  // first operating year
  ASSERT_TRUE(y1.operating);
  const double commercial = 0.2 * capex * 0.12405888;  // AF(9 %, 15) = 0.12405888 (tables)
  EXPECT_NEAR(y1.debt_service_eur, 0.4 * capex * 0.02 + commercial, 2.0);
  const double ebitda = 50.0 * energy - fom;
  const double interest = 0.4 * capex * 0.02 + 0.2 * capex * 0.09;
  const double tax = 0.2 * (ebitda - 0.9 * capex / 25 - interest);
  EXPECT_NEAR(y1.tax_eur, tax, 1e-6);
  EXPECT_NEAR(y1.cfads_eur / y1.debt_service_eur, (ebitda - tax) / (0.4 * capex * 0.02 + commercial), 1e-5);
  // After the grace years the concessional loan amortises: 4e7 · AF(2 %, 17) = 4e7 · 0.0699698.
  EXPECT_NEAR(p.years[5].debt_service_eur - p.years[4].debt_service_eur, 0.4 * capex * (0.0699698 - 0.02), 10.0);
  EXPECT_LE(*p.dscr_min, y1.cfads_eur / y1.debt_service_eur);
  EXPECT_GT(*p.dscr_avg, *p.dscr_min);
  // LCOE recovers only the capex net of the grant.
  double cost = 0, mwh = 0, d = 1;
  for (int y = 0; y < 27; ++y, d *= 1 + p.wacc) {
    cost += ((y < 2 ? 0.45 * capex : 0.0) + (y >= 2 ? fom : 0.0)) / d;
    mwh += (y >= 2 ? energy : 0.0) / d;
  }
  EXPECT_NEAR(p.lcoe_eur_per_mwh, cost / mwh, 1e-9);
}

// Without the plant, gas makes its 25 MW more at 50 EUR/MWh: the system pays 25·8760·50 more.
// The plant is an existing (fixed) asset, so its own cost is not in the system cost.
TEST(Appraise, SystemValueIsTheCostWithoutTheProjectMinusWith) {
  auto a = appraise_study(study_with(R"(
  - {name: pv-project, assets: [pv]}
)"));
  std::string log_text;
  auto log = core::capturing_logger(log_text);
  formulate::SolveStudyOptions options;
  appraise::add_system_values(a.study, a.finance, a.results.objective_eur, a.projects, options, 2, log);
  ASSERT_TRUE(a.projects[0].system_value_eur_per_year.has_value());
  EXPECT_NEAR(*a.projects[0].system_value_eur_per_year, 25.0 * 8760 * 50, 1e-3);
}

// Ctrl-C during the with/without runs: they all stop with the interrupted error, and no
// project is left with a value recorded as missing (before, each run's interruption was
// stored as that run's failure and the appraisal went on with null system values).
TEST(Appraise, InterruptedWithWithoutRunsStopWithTheInterruptedError) {
  auto a = appraise_study(study_with(R"(
  - {name: pv-project, assets: [pv]}
)"));
  std::string log_text;
  auto log = core::capturing_logger(log_text);
  core::Cancel cancel;
  cancel.request();
  formulate::SolveStudyOptions options;
  options.solver.cancel = &cancel;
  try {
    appraise::add_system_values(a.study, a.finance, a.results.objective_eur, a.projects, options, 2, log);
    ADD_FAILURE() << "no error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::interrupted) << e.what();
  }
  EXPECT_FALSE(a.projects[0].system_value_eur_per_year.has_value());
  EXPECT_EQ(log_text.find("has no system value"), std::string::npos) << log_text;
}

// Two projects, valued in parallel: each value is what its own removal costs.
TEST(Appraise, WithWithoutRunsInParallelMatchTheSequentialValues) {
  const std::string yaml = R"(
study: {name: two, snapshots: 1, snapshot_hours: 8760}
carriers: [{name: gas}, {name: wind, renewable: true}]
regions: [{name: A, country: AZ}, {name: B, country: GE}]
loads: [{name: load-A, region: A, p_mw: 100}, {name: load-B, region: B, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 60}
  - {name: gas-B, region: B, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 80}
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 30, p_max_pu: 1}
  - {name: wind-B, region: B, carrier: wind, p_nom_mw: 40, p_max_pu: 1}
projects:
  - {name: wind-a, assets: [wind-A], lifetime_years: 20}
  - {name: wind-b, assets: [wind-B], lifetime_years: 20}
)";
  auto a = appraise_study(yaml);
  std::string log_text;
  auto log = core::capturing_logger(log_text);
  appraise::add_system_values(a.study, a.finance, a.results.objective_eur, a.projects, {}, 2, log);
  EXPECT_NEAR(*a.projects[0].system_value_eur_per_year, 30.0 * 8760 * 60, 1e-3);
  EXPECT_NEAR(*a.projects[1].system_value_eur_per_year, 40.0 * 8760 * 80, 1e-3);
}

// Finance-aware build-out: the plant is worth 0.25·8760·50 = 109,500 EUR/MW-yr. At the study's
// 10 % its annuity is 1e6 · AF(10 %, 25) = 110,168: not built. Half concessional at 2 % and
// half equity at 12 % (7 %): 85,811, built to its 200 MW limit. Commercial finance replaces the
// concessional half at 9 % (10.5 %): 114,528, not built.
TEST(Appraise, CheaperFinanceChangesWhatIsBuilt) {
  const std::string yaml = study_with(R"(
  - name: pv-project
    assets: [pv]
    finance:
      tranches:
        - {kind: concessional_debt, share: 0.5, rate: 0.02, tenor_years: 20}
        - {kind: equity, share: 0.5, rate: 0.12}
)",
                                      "extendable: true, p_nom_max_mw: 200");
  auto none = appraise_study(yaml, finance::FinanceMode::none);
  EXPECT_NEAR(none.results.generator_capacity_mw[1], 0.0, 1e-6);
  auto given = appraise_study(yaml, finance::FinanceMode::as_given);
  EXPECT_NEAR(given.results.generator_capacity_mw[1], 200.0, 1e-6);
  EXPECT_NEAR(given.projects[0].wacc, 0.07, 1e-12);
  EXPECT_NEAR(given.projects[0].capacity_mw, 200.0, 1e-6);
  auto commercial = appraise_study(yaml, finance::FinanceMode::commercial);
  EXPECT_NEAR(commercial.projects[0].wacc, 0.105, 1e-12);
  EXPECT_NEAR(commercial.results.generator_capacity_mw[1], 0.0, 1e-6);
  // A 20 % grant with equity at 10 % recovers 0.8 · 110,168 = 88,134: built.
  auto grant = appraise_study(study_with(R"(
  - name: pv-project
    assets: [pv]
    finance: {tranches: [{kind: grant, share: 0.2}, {kind: equity, share: 0.8, rate: 0.10}]}
)",
                                         "extendable: true, p_nom_max_mw: 200"));
  EXPECT_NEAR(grant.results.generator_capacity_mw[1], 200.0, 1e-6);
}

TEST(Appraise, BadFinanceInputIsAnErrorNamingTheKey) {
  const auto error = [](const std::string& project) {
    try {
      test::study_from(study_with(project));
    } catch (const core::Error& e) {
      return std::string(e.what()) + " @" + e.context().key;
    }
    return std::string("no error");
  };
  auto e = error("  - {name: p, assets: [pv], finance: {tranches: [{kind: equity, share: 0.5, rate: 0.1}]}}\n");
  EXPECT_NE(e.find("sum to 1, got 0.5"), std::string::npos) << e;
  EXPECT_NE(e.find("@projects[0].finance.tranches"), std::string::npos) << e;
  e = error("  - {name: p, assets: [pv], finance: {tranches: [{kind: equity, share: 1, rate: -0.1}]}}\n");
  EXPECT_NE(e.find("expected a rate in [0, 1), got -0.1"), std::string::npos) << e;
  EXPECT_NE(e.find("@projects[0].finance.tranches[0].rate"), std::string::npos) << e;
  e = error(
      "  - {name: p, assets: [pv], finance: {tranches: [{kind: commercial_debt, share: 1, rate: 0.1, tenor_years: 30}]}}\n");
  EXPECT_NE(e.find("beyond the project's lifetime of 25 years"), std::string::npos) << e;
  EXPECT_NE(e.find("@projects[0].finance.tranches[0].tenor_years"), std::string::npos) << e;
  e = error("  - {name: p, assets: [pvv]}\n");
  EXPECT_NE(e.find("no 'pvv' (did you mean 'pv'?)"), std::string::npos) << e;
  e = error("  - {name: p, assets: [pv], revenue: ppa}\n");
  EXPECT_NE(e.find("ppa_price_eur_per_mwh"), std::string::npos) << e;
  e = error("  - {name: p, assets: [pv]}\n  - {name: q, assets: [pv]}\n");
  EXPECT_NE(e.find("already in 'p'"), std::string::npos) << e;
  e = error("  - {name: p, assets: [pv], finance: {tranches: [{kind: grant, share: 0.2, rate: 0.1}, {kind: equity, share: 0.8, rate: 0.1}]}}\n");
  EXPECT_NE(e.find("a grant is not repaid"), std::string::npos) << e;
}

// A PPA sells every MWh at its price instead of the market's.
TEST(Appraise, PpaRevenue) {
  const auto a = appraise_study(study_with("  - {name: p, assets: [pv], revenue: ppa, ppa_price_eur_per_mwh: 45}\n"));
  EXPECT_NEAR(a.projects[0].revenue_eur_per_year, 45.0 * energy, 1e-6);
  EXPECT_NEAR(a.projects[0].capture_price_eur_per_mwh, 50.0, 1e-6);
}

// A cable's CO2: what its deliveries displace at the receiving end less what its intake adds at
// the sending end, at each region's emission factor in the run. A has only wind (factor 0),
// B only gas at 0.4 t/MWh; the cable takes 50 MW from A and delivers 45 to B: 0.4·45 t an hour.
// Its congestion rent: 45 MWh at B's 50 EUR/MWh minus 50 MWh at A's 0.
TEST(Appraise, CableDisplacesTheReceivingRegionsEmissions) {
  const auto a = appraise_study(R"(
study: {name: cable, snapshots: 1, snapshot_hours: 8760}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: wind, renewable: true}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-A, region: A, p_mw: 50}, {name: load-B, region: B, p_mw: 100}]
generators:
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 100}
  - {name: gas-B, region: B, carrier: gas, p_nom_mw: 500, efficiency: 0.5, fuel_eur_per_mwh_fuel: 25}
links:
  - {name: cable, from: A, to: B, p_nom_mw: 50, efficiency: 0.9, bidirectional: false, capex_eur_per_kw: 500,
     lifetime_years: 40}
projects:
  - {name: cable, assets: [cable]}
)");
  const auto& p = a.projects[0];
  EXPECT_NEAR(p.annual_energy_mwh, 45.0 * 8760, 1e-6);
  EXPECT_NEAR(p.co2_avoided_t_per_year, 0.4 * 45.0 * 8760, 1e-6);
  EXPECT_NEAR(p.revenue_eur_per_year, 45.0 * 8760 * 50.0, 1e-3);
  EXPECT_NEAR(p.capex_eur, 500.0 * 1000 * 50, 1e-6);
}
