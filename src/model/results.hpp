#pragma once
// The results of a run as plain value types. Time series are component-major matrices:
// value(i, t) for component i and snapshot t. Energies are weighted by the snapshot weights.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace silkgrid::model {

struct Matrix {
  std::size_t rows = 0, cols = 0;  // components × snapshots
  std::vector<double> data;
  Matrix() = default;
  Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), data(r * c, 0.0) {}
  double& operator()(std::size_t i, std::size_t t) { return data[i * cols + t]; }
  double operator()(std::size_t i, std::size_t t) const { return data[i * cols + t]; }
};

struct LpSize {
  int rows = 0, cols = 0;
  std::size_t nonzeros = 0;
  double matrix_min = 0, matrix_max = 0, cost_min = 0, cost_max = 0;
};

struct Timings {
  double read_s = 0, build_s = 0, solve_s = 0, extract_s = 0, write_s = 0;
};

// How a decomposed run converged (decompose/benders.hpp): one row per iteration.
struct DecompositionIteration {
  int iteration = 0;
  double lower_bound_eur = 0, upper_bound_eur = 0, gap = 0;
  double seconds = 0;  // since the decomposition started
  double master_s = 0, subproblems_s = 0;
  double exchange_s = 0;    // over MPI: waiting for and exchanging with the other ranks
  int cuts = 0;             // added in this iteration
  bool stabilised = false;  // the cuts came from the in-out separation point
};
struct DecompositionReport {
  std::string method = "benders";
  std::string why;  // why it was chosen (automatic) or "asked for"
  std::size_t subperiods = 0;
  double subperiod_hours = 0;
  double lower_bound_eur = 0, upper_bound_eur = 0, gap = 0;
  bool converged = false;  // the gap reached, else stopped by the iteration limit
  double penalty_eur = 0;  // what the coupling slacks cost at the best point (0: exact)
  double stabilisation = 0;
  bool warm = true;
  int threads = 0;
  int ranks = 1;  // MPI processes
  std::vector<DecompositionIteration> iterations;
};

struct Results {
  std::string status;         // "optimal", or the reason there is no optimum
  int iterations = 0;

  // Objective and its parts (EUR per year of the horizon's weights):
  // objective = annualised_capex + operating_cost + import_cost - export_revenue + unserved_cost
  //             + cbam_cost.
  double objective_eur = 0;
  double annualised_capex_eur = 0;      // extendable assets, on their whole optimal capacity
  double operating_cost_eur = 0;        // generator, link and storage marginal costs
  double import_cost_eur = 0;
  double export_revenue_eur = 0;
  double unserved_cost_eur = 0;
  double cbam_cost_eur = 0;             // the CBAM charge on flows into the CBAM area (in the objective)
  std::vector<double> link_cbam_cost_eur, market_cbam_cost_eur;  // its parts
  double fixed_cost_existing_eur = 0;   // annuity of non-extendable assets (reported, not optimised)

  // Each asset's annuity per MW of capacity per year, as the build priced it (its project's
  // finance included): per MW of power for storage (per MWh for an energy-only store).
  std::vector<double> generator_annuity_eur_per_mw_year, link_annuity_eur_per_mw_year, line_annuity_eur_per_mw_year,
      storage_annuity_eur_per_mw_year;
  // The reduced cost of each extendable asset's capacity column, EUR per MW-year (per MWh-year
  // for a store): how much its annuity would have to fall, at this basis, for more of it to pay;
  // 0 for fixed assets and where the solver gave none (a MIP). A decomposed run's: the master's.
  std::vector<double> generator_capacity_reduced_cost, link_capacity_reduced_cost, line_capacity_reduced_cost,
      storage_capacity_reduced_cost;

  // Generators
  std::vector<double> generator_capacity_mw;  // optimal
  Matrix generator_p;                         // MW
  std::vector<double> generator_energy_mwh;
  std::vector<double> generator_curtailment_mwh;  // renewable carriers: available − used
  std::vector<double> generator_co2_t;

  // Links: flow sent from→to (forward) and to→from (backward), MW at the sending end.
  std::vector<double> link_capacity_mw;
  Matrix link_forward, link_backward;

  // Lines: flow from → to (negative: to → from), MW.
  std::vector<double> line_capacity_mw;
  Matrix line_flow;

  // Storage. An energy-only store has power 0 (no power capacity) and its flow in
  // storage_discharge, negative when it charges.
  std::vector<double> storage_power_mw, storage_energy_mwh;
  Matrix storage_charge, storage_discharge, storage_soc, storage_spill;

  // Markets
  Matrix market_export, market_import;
  std::vector<double> market_exports_mwh, market_export_revenue_eur, market_imports_mwh, market_import_cost_eur;

  // Regions
  Matrix region_load, region_unserved, region_price;  // MW, MW, EUR/MWh
  std::vector<double> region_co2_t, region_load_mwh, region_unserved_mwh;

  // Policies: the dual of each policy row, as a price (co2: EUR/t; share: EUR/MWh; capacity:
  // EUR/MW-year), ≥ 0 when binding. 0 when the policy has no row (trivially met).
  std::vector<double> policy_shadow_price;
  std::vector<double> policy_value;  // the policy's left-hand side at the optimum (t, MWh share, MW)

  // Candidate choices (a scope with candidates, formulate/candidates.cpp): per candidate in the
  // scope's order, 1 where chosen (z > 0.5); the budget row's activity (money used) and its
  // value per unit of budget (−dual, ≥ 0 where binding; 0 where the solver gave no duals: a MIP).
  std::vector<char> candidate_chosen;
  double budget_used = 0;
  double budget_shadow_price = 0;

  LpSize lp;
  Timings timings;
  std::optional<DecompositionReport> decomposition;  // a decomposed run only

  double unserved_mwh() const;
  double curtailment_mwh() const;
  double co2_t() const;
};

}  // namespace silkgrid::model
