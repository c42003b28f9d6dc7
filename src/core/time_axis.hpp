#pragma once
// The time axis: snapshots with their timestamps and weights in hours (PyPSA's
// snapshot_weightings). Operating terms are multiplied by the weight; annual figures
// (annuities, t_per_year) assume the weights sum to 8,760 hours.
#include <optional>
#include <string>
#include <vector>

namespace silkgrid::core {

inline constexpr double hours_per_year = 8760.0;

struct TimeAxis {
  std::vector<std::string> timestamps;  // ISO 8601, one per snapshot
  std::vector<double> weights;          // hours each snapshot stands for (objective weights)
  // PyPSA's separate weightings: hours a storage level moves on by, and the weight of
  // generation in global constraints (CO2). Empty = the objective weights.
  std::vector<double> store_weights, generator_weights;

  std::size_t size() const { return weights.size(); }
  double store_weight(std::size_t t) const { return store_weights.empty() ? weights[t] : store_weights[t]; }
  double generator_weight(std::size_t t) const { return generator_weights.empty() ? weights[t] : generator_weights[t]; }
  double total_hours() const;
};

// Snapshots starting at `start` (ISO 8601 "YYYY-MM-DDTHH:MM"), `count` of them, each
// `hours` long. Throws an input error naming `key` when `start` is not a valid timestamp.
TimeAxis regular_time_axis(const std::string& start, std::size_t count, double hours,
                           const std::string& key = "study.start");

// True when `text` is an ISO 8601 date-time of the form YYYY-MM-DD[THH:MM[:SS]].
bool is_iso_timestamp(const std::string& text);

// Seconds since 1970-01-01T00:00 (timestamps are read as UTC), or nothing when `text` is not
// such a timestamp.
std::optional<long long> timestamp_seconds(const std::string& text);
// Hours since 1970-01-01T00:00 of such a date-time (seconds included; a space may stand for
// the T), or nothing when `text` is not one.
std::optional<double> iso_timestamp_hours(const std::string& text);

}  // namespace silkgrid::core
