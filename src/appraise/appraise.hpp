#pragma once
// Project appraisal: each project's yearly cash flows, LCOE, NPV, IRRs, DSCR, payback, CO2
// avoided and carbon revenue from one system run, and its system value from with/without runs
// (README, "Projects and climate finance", for the conventions).
#include <vector>

#include "core/logger.hpp"
#include "finance/accounting.hpp"
#include "finance/structure.hpp"
#include "formulate/build.hpp"
#include "model/appraisal.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::appraise {

using model::ProjectAppraisal;
using model::Year;

// Appraises every project of `study` under its `finance` (finance::project_finance) from a run's
// `results` (solved with the same finance).
std::vector<ProjectAppraisal> appraise_projects(const model::Study& study, const finance::ProjectFinance& finance,
                                                const model::Results& results);

// The climate-finance accounting of the appraised projects (finance/accounting.hpp): each
// project's tranches under `finance` (in the study's order, as `appraisals`) on its appraised
// capex, capacity, energy, CO2 avoided and lifetime, at the study's reference rate and
// concessionality threshold.
finance::FinanceAccounting account_finance(const model::Study& study, const finance::ProjectFinance& finance,
                                           const std::vector<ProjectAppraisal>& appraisals);

// The study without project `p`: its assets removed (capacity 0, not extendable).
model::Study without_project(const model::Study& study, std::size_t p);

// Solves the study without each project, `threads` at a time (0 = as many as the machine
// has), the assets priced under `finance`, and sets each appraisal's system value against
// `objective_with`. A run that fails leaves that project's value empty, with a warning.
void add_system_values(const model::Study& study, const finance::ProjectFinance& finance, double objective_with,
                       std::vector<ProjectAppraisal>& appraisals, const formulate::SolveStudyOptions& options,
                       int threads, core::Logger& log);

}  // namespace silkgrid::appraise
