#pragma once
// Finance structures: the blended cost of capital of a project's tranches, and how it enters
// the build-out (each extendable asset of a project takes its project's rate and grant).
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

// Sets each project's finance under `mode` (the study's projects.finance) and gives each of
// its assets the project's cost of capital (discount_rate) and grant share, so that the
// optimiser sees the annuities that the finance implies.
void apply_project_finance(model::Study& study, FinanceMode mode, double commercial_rate = 0.09);

FinanceMode parse_finance_mode(const std::string& text);  // throws an input error naming --finance
const char* to_string(FinanceMode mode);

}  // namespace silkgrid::finance
