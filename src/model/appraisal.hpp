#pragma once
// What a project appraisal finds, as plain value types (computed by src/appraise/, written by
// src/io/). Money in EUR of the run's year (real terms), energy in MWh, CO2 in t.
#include <optional>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::model {

// One year of a project's timeline; year 0 is the first construction year, operation starts
// after the construction years (at year 1 when there are none).
struct Year {
  int year = 0;
  bool operating = false;
  double capex_eur = 0, grant_eur = 0;
  double energy_mwh = 0, revenue_eur = 0, carbon_revenue_eur = 0, opex_eur = 0;
  double depreciation_eur = 0, interest_eur = 0, principal_eur = 0, debt_service_eur = 0;
  double tax_eur = 0;          // with interest deducted (the equity's)
  double cfads_eur = 0;        // cash flow available for debt service = EBITDA − tax
  double project_cash_flow_eur = 0;  // before financing, after its own tax
  double equity_cash_flow_eur = 0;   // after debt service
  double co2_avoided_t = 0;
};

// A project's figures over an ensemble's weather years (appraise --ensemble): what lenders size
// debt on. P50 / P90: the levels exceeded in 50 % / 90 % of the years.
struct EnsembleRisk {
  std::size_t years = 0;
  std::string ensemble;  // the folder it came from
  double p50_energy_mwh = 0, p90_energy_mwh = 0, p50_revenue_eur = 0, p90_revenue_eur = 0;
  std::optional<double> dscr_p50, dscr_at_p90, probability_dscr_below_1_2, probability_dscr_below_1_0;  // none without debt
};

struct ProjectAppraisal {
  std::string name, country, sponsor, status, revenue;
  double capacity_mw = 0;       // optimal capacity of its assets (MW; storage power, stores MWh)
  double capex_eur = 0, grant_eur = 0;
  int construction_years = 0, lifetime_years = 0;
  double annual_energy_mwh = 0;
  double capture_price_eur_per_mwh = 0;  // market revenue per MWh (links: congestion rent per MWh delivered)
  double revenue_eur_per_year = 0, opex_eur_per_year = 0, carbon_revenue_eur_per_year = 0;
  double cbam_cost_eur_per_year = 0;  // of opex: the CBAM charge on what its cables bring into the CBAM area
  double tax_eur_first_year = 0;
  double wacc = 0;
  double lcoe_eur_per_mwh = 0;
  double npv_eur = 0;
  std::optional<double> project_irr, equity_irr;
  std::optional<double> dscr_min, dscr_avg;  // none without debt
  std::optional<int> payback_year;           // operating years until the cumulative project cash flow turns positive
  double baseline_t_per_mwh = 0;
  double co2_avoided_t_per_year = 0;
  std::optional<double> abatement_cost_eur_per_t;  // the carbon price that makes the NPV (without credits) zero
  std::optional<double> system_value_eur_per_year;  // system cost without the project minus with it
  std::optional<EnsembleRisk> risk;                 // appraise --ensemble
  std::vector<Year> years;
};

// What it would take (src/appraise/break_even.hpp): a candidate's break-even cost reduction.
struct BreakEven {
  std::string name, kind;  // kind: generator, link, line, storage, store
  AssetKind asset_kind = AssetKind::generator;
  std::size_t index = 0;
  double built_mw = 0, min_mw = 0, max_mw = 0;
  double annuity_eur_per_mw_year = 0;  // as the run priced it (its project's finance included)
  double reduced_cost_eur_per_mw_year = 0;
  // The smallest reduction of the annuity at which it enters (0 when built above its lower
  // bound); none when it would not enter even at no cost.
  std::optional<double> reduction_eur_per_mw_year;
  std::optional<double> share;        // of the annuity
  std::optional<double> grant_share;  // the further share of its capex a grant would have to pay; none without capex or above 1
  bool verified = false;              // the reduction was found by re-solving (else: the reduced cost)
  int solves = 0;
};

// Portfolio selection (src/appraise/portfolio.hpp).
struct PortfolioChoice {
  std::string name;
  bool candidate = false, chosen = false;
  double concessional_eur = 0;   // the concessional debt it draws (share × its capex)
  double capacity_mw = 0;        // built
  double capex_eur = 0;
  // For a chosen candidate: the system cost of the portfolio without it minus with it.
  std::optional<double> adds_eur_per_year;
  // With the co2 objective, for every candidate: the system's CO2 without it minus with every
  // candidate built (t a year).
  std::optional<double> co2_avoided_t_per_year;
};

struct PortfolioResult {
  std::string objective = "cost";  // or "co2"
  double budget_eur = 0, concessional_used_eur = 0;
  double co2_avoided_t_per_year = 0;  // co2 objective: by the chosen set (sum of their own)
  double objective_eur = 0;  // system cost of the chosen portfolio
  std::vector<PortfolioChoice> projects;
  // The value of one more euro of concessional finance (co2 objective: tonnes a year per euro,
  // over the next step only): −∂cost/∂budget of the LP with the
  // choices fixed (0 when the budget does not bind at the margin), and over the next step
  // (the cost with budget + step against the cost with budget, per euro).
  double marginal_value_eur_per_eur = 0;
  std::optional<double> step_value_eur_per_eur;
  double step_eur = 0;
  model::Results results;  // the run with the chosen portfolio
};

}  // namespace silkgrid::model
