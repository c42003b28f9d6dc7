#pragma once
// The short table a run prints on the terminal.
#include <string>

#include "model/appraisal.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::cli {

std::string summary_table(const model::Study& study, const model::Results& results);

// The table `appraise` prints: one row per project.
std::string appraisal_table(const std::vector<model::ProjectAppraisal>& appraisals);

}  // namespace silkgrid::cli
