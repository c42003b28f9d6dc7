#pragma once
// Portfolio selection: which candidate projects to build, as binary decisions inside the
// capacity-expansion problem (a MIP solved by Cbc), minimising system cost under a budget of
// concessional finance (README, "Portfolio selection").
#include <optional>
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "finance/structure.hpp"
#include "formulate/build.hpp"
#include "model/appraisal.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::appraise {

enum class PortfolioObjective {
  cost,  // minimise system cost (one MIP around the expansion LP)
  co2,   // maximise the CO2 the chosen projects avoid within the budget: most CO2 per euro
};

struct PortfolioOptions {
  double concessional_budget_eur = 0;
  // Candidate projects by name; empty = every project not yet under construction or operating.
  std::vector<std::string> candidates;
  PortfolioObjective objective = PortfolioObjective::cost;
  int threads = 0;  // with/without runs at a time for the co2 objective (0 = one per core)
};

using model::PortfolioChoice;
using model::PortfolioResult;

// Every run prices the assets under the projects' `finance` (finance::project_finance), whose
// terms also give each candidate's concessional share. A candidate's
// fixed assets become all-or-nothing (capacity p_nom when chosen, paying its annuity), its
// extendable ones may be built up to p_nom_max only when chosen. Throws an input error for an
// unknown candidate or an extendable candidate asset without a finite p_nom_max.
PortfolioResult select_portfolio(const model::Study& study, const finance::ProjectFinance& finance,
                                 const PortfolioOptions& options, const formulate::SolveStudyOptions& solve,
                                 core::Logger& log);

// The candidate projects `select_portfolio` would consider.
std::vector<std::size_t> candidate_projects(const model::Study& study, const PortfolioOptions& options);

// The study with the candidates decided: chosen ones built (fixed assets at p_nom, paying their
// annuity), the others removed. For brute-force checks and for reporting.
model::Study with_choices(const model::Study& study, const std::vector<std::size_t>& candidates,
                          const std::vector<char>& chosen);

// The concessional debt share of a project's finance.
double concessional_share(const model::FinanceTerms& terms);

}  // namespace silkgrid::appraise
