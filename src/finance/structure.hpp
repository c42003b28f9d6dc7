#pragma once
// Finance structures: the blended cost of capital of a project's tranches, and how it enters
// the build-out (each asset of a project takes its project's rate and grant).
#include <vector>

#include "finance/annuity.hpp"
#include "model/study.hpp"

namespace silkgrid::finance {

// The share of the capex that grants pay.
double grant_share(const model::FinanceTerms& terms);

// The project's cost of capital: the share-weighted rate of the repayable tranches (debt after
// tax: rate · (1 − tax_rate)), over the capital they fund (the shares other than grants).
double wacc(const model::FinanceTerms& terms);

// Which finance the projects of a study get.
enum class FinanceMode {
  as_given,    // each project's own tranches
  commercial,  // grants and concessional debt replaced by commercial debt (at the project's
               // commercial rate, else `commercial_rate`), tenor and grace as the debt they replace
  none,        // no project finance: the study's discount rate, no grants
};

// The terms a project has under `mode`.
model::FinanceTerms terms_under(const model::FinanceTerms& given, FinanceMode mode, double commercial_rate);

// The finance a study's projects have under a mode, an input of the build and of the
// appraisal; the study itself is left as it was read.
struct ProjectFinance {
  FinanceMode mode = FinanceMode::as_given;
  // Each project's terms under `mode`, in the study's project order. A project without
  // tranches (or every project under `none`) is all equity at the study's discount rate.
  std::vector<model::FinanceTerms> terms;
  // Each asset of a project at its project's cost of capital (WACC) and grant share, so that
  // the optimiser sees the annuities that the finance implies; an asset of a project without
  // tranches at the study's discount rate; other assets as the study gives them.
  AssetCapital assets;
};

ProjectFinance project_finance(const model::Study& study, FinanceMode mode, double commercial_rate = 0.09);

FinanceMode parse_finance_mode(const std::string& text);  // throws an input error naming --finance
const char* to_string(FinanceMode mode);

}  // namespace silkgrid::finance
