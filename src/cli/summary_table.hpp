#pragma once
// The short table a run prints on the terminal.
#include <string>

#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::cli {

std::string summary_table(const model::Study& study, const model::Results& results);

}  // namespace silkgrid::cli
