#pragma once
// silkgrid coalitions: who gains from cooperation (README, "Who gains from cooperation").
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/pipelines.hpp"

namespace silkgrid::app {

struct CoalitionsOptions {
  std::vector<std::string> countries;  // the players (empty: every country of the study)
  int threads = 0;                     // coalitions solved at a time in each process (0: one per core)
  int samples = 0;                     // orders of arrival sampled (0: exact up to 10 players, else 1000)
  std::uint64_t seed = 1;              // of the sampled orders
};

struct CoalitionsOutput {
  std::vector<std::string> countries;
  bool sampled = false;
  int samples = 0;
  std::map<std::uint64_t, double> value_eur;  // v(S) of the coalitions solved, by bit mask over `countries`
  double grand_value_eur = 0;
  std::vector<double> shapley_eur, shapley_standard_error_eur;  // the error is 0 when exact
  std::vector<std::uint64_t> violations;  // among the coalitions solved (all of them when exact)
  bool least_core = false;                // computed (exact only)
  double least_core_epsilon_eur = 0;
  std::vector<double> least_core_eur;
  double seconds = 0;
  std::string out;
};

// Over MPI the coalitions are spread over the ranks; the answer does not depend on ranks or threads.
CoalitionsOutput coalitions(const StudyOptions& options, const CoalitionsOptions& game, core::Logger& log, core::Cancel& cancel);

}  // namespace silkgrid::app
