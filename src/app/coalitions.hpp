#pragma once
// silkgrid coalitions: who gains from cooperation (README, "Who gains from cooperation").
#include <string>
#include <vector>

#include "app/pipelines.hpp"

namespace silkgrid::app {

struct CoalitionsOutput {
  std::vector<std::string> countries;
  std::vector<double> value_eur;  // v(S) by bit mask over `countries`
  std::vector<double> shapley_eur;
  std::vector<std::uint32_t> violations;
  double least_core_epsilon_eur = 0;
  std::vector<double> least_core_eur;
  double seconds = 0;
  std::string out;
};

// `countries`: the players (empty: every country of the study); `threads`: coalitions solved at
// a time in each process (0: one per core); over MPI the coalitions are spread over the ranks.
CoalitionsOutput coalitions(const StudyOptions& options, const std::vector<std::string>& countries, int threads,
                            core::Logger& log, core::Cancel& cancel);

}  // namespace silkgrid::app
