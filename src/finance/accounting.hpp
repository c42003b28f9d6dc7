#pragma once
// Climate-finance accounting (README, "Climate-finance accounting"): what each provider commits
// to each project, how concessional it is (the IMF grant element), how much private finance the
// public providers mobilise (OECD DAC pro-rata attribution), and what the public money buys
// (EUR per tCO2 avoided, concessional EUR per MW and per MWh). Pure functions on plain values:
// the appraisal supplies each project's capex, capacity, energy and CO2 avoided.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/study.hpp"

namespace silkgrid::finance {

// The grant element of a loan: 1 − PV(debt service) / face value, the service of a loan of 1
// disbursed at once in year 0 and serviced from year 1 (interest only in the grace years, then
// a level annuity over the remaining tenor years), discounted yearly at `reference_rate`. It is
// 0 when rate = reference_rate, positive below it, negative above it.
double loan_grant_element(double rate, int tenor_years, int grace_years, double reference_rate);

// A tranche's grant element: a grant 1, equity 0, debt (concessional or commercial) the loan's.
double grant_element(const model::Tranche& tranche, double reference_rate);

struct AccountingOptions {
  double reference_rate = 0.05;             // the IMF's unified discount rate
  double concessionality_threshold = 0.35;  // a loan with at least this grant element is concessional
};

// What the appraisal knows of a project, for its accounting.
struct ProjectFinanceInput {
  std::string name, country;
  double capex_eur = 0;               // as the appraisal computes it: each tranche commits share × capex
  double capacity_mw = 0;
  double annual_energy_mwh = 0;
  double co2_avoided_t_per_year = 0;
  int lifetime_years = 0;
  std::vector<model::Tranche> tranches;
};

struct TrancheAccount {
  model::TrancheKind kind = model::TrancheKind::equity;
  std::string provider;
  model::ProviderKind provider_kind = model::ProviderKind::corporate;
  bool provider_kind_assumed = false;
  bool is_public = false;
  double amount_eur = 0;
  double grant_element = 0;
  bool concessional = false;          // a grant, or a loan whose grant element reaches the threshold
  double grant_equivalent_eur = 0;    // amount × grant element
  double private_mobilised_eur = 0;   // a public tranche: the private finance attributed to it
};

// The figures of one view: a project, a country, a provider or the whole portfolio. Ratios are
// empty where their denominator is 0 (or, for CO2, not positive).
struct FinanceTotals {
  double committed_eur = 0, public_eur = 0, private_eur = 0;
  double grant_eur = 0, concessional_loan_eur = 0, concessional_eur = 0;  // concessional = grants + concessional loans
  double grant_equivalent_eur = 0;
  double private_mobilised_eur = 0;  // private finance in projects with public finance (a provider: attributed to it)
  double capacity_mw = 0, lifetime_energy_mwh = 0, lifetime_co2_avoided_t = 0;
  std::optional<double> grant_element;           // grant equivalent / committed
  std::optional<double> mobilisation_ratio;      // private mobilised / public
  std::optional<double> co_financing_ratio;      // (committed − public) / public
  std::optional<double> concessional_share;      // concessional / committed
  std::optional<double> public_eur_per_t_co2;    // public / lifetime CO2 avoided
  std::optional<double> concessional_eur_per_mw;   // concessional / capacity
  std::optional<double> concessional_eur_per_mwh;  // concessional / lifetime energy
};

struct ProjectAccount {
  std::string name, country;
  std::vector<TrancheAccount> tranches;
  FinanceTotals totals;
};

struct FinanceAccounting {
  AccountingOptions options;
  std::vector<ProjectAccount> projects;
  std::map<std::string, FinanceTotals> countries;  // by the projects' country
  std::map<std::string, FinanceTotals> providers;  // by provider name; no capacity, energy or CO2 (not attributed)
  FinanceTotals portfolio;
};

// Accounts every project's finance and sums the views.
FinanceAccounting account_finance(const std::vector<ProjectFinanceInput>& projects, const AccountingOptions& options);

}  // namespace silkgrid::finance
