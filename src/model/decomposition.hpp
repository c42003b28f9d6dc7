#pragma once
// The words and ranges of the decomposition-by-time options (model::SolverOptions), one place
// for the study reader (solver section) and the command line (--decompose, --subperiod-hours,
// --gap, --max-iterations, --stabilisation).
#include <optional>
#include <string_view>

#include "model/limits.hpp"
#include "model/study.hpp"

namespace silkgrid::model {

// "auto", "none", "benders" (the study format's and the command line's words).
const char* to_string(Decomposition decomposition);
// The decomposition of one of those words; none for anything else (the caller reports it).
std::optional<Decomposition> parse_decomposition(std::string_view text);

// The ranges each option must lie in (README, "Decomposition by time"):
//   subperiod_hours in (0, limits::hours.max], gap in (0, 1), max_iterations a whole number in
//   [1, max_iterations_max], stabilisation in [0, 1). NaN lies in none of them.
inline constexpr int max_iterations_max = 100'000;
inline bool valid_subperiod_hours(double hours) { return hours > 0 && hours <= limits::hours.max; }
inline bool valid_gap(double gap) { return gap > 0 && gap < 1; }
inline bool valid_max_iterations(double n) {
  return n >= 1 && n <= max_iterations_max && n == static_cast<double>(static_cast<long long>(n));
}
inline bool valid_stabilisation(double lambda) { return lambda >= 0 && lambda < 1; }

}  // namespace silkgrid::model
