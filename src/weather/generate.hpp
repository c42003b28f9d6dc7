#pragma once
// The seeded synthetic weather year: hourly solar, wind, load, hydro and price profiles,
// each calibrated to its target (README, "Weather-year generator").
#include <string>
#include <vector>

#include "model/weather_spec.hpp"

namespace silkgrid::weather {

// What each hour is: the day of the year (1..365), the UTC hour (mid-hour) and the weekday.
struct Calendar {
  std::vector<int> day_of_year;
  std::vector<double> hour_utc;  // mid-hour, e.g. 0.5 for 00:00–01:00
  std::vector<int> weekday;      // 0 = Monday … 6 = Sunday
  std::vector<std::string> timestamps;
  std::size_t size() const { return hour_utc.size(); }
};

// `hours` hourly steps from `start` (ISO 8601, read as UTC).
Calendar hourly_calendar(const std::string& start, std::size_t hours);

using model::ProfileSummary;

struct Generated {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // [profile][hour]
  std::vector<ProfileSummary> summary;
};

// Generates every profile of `spec` over `calendar`. Throws core::Error(input) with the key
// (e.g. "weather.solar[2].capacity_factor") when a target cannot be reached.
Generated generate(const model::WeatherSpec& spec, const Calendar& calendar);

struct SynopticState;

// The individual generators. Each samples the year's shared synoptic state at its places (so
// neighbours are correlated and adding a column leaves the others unchanged) and draws its own
// local noise from a stream named by the seed and the column. `long_run` returns the climate's
// mean (capacity factor, or annual TWh for loads) that the column is calibrated to.
struct WindColumn {
  std::vector<double> values;
  double long_run = 0;
};
std::vector<WindColumn> wind_profiles(const std::vector<model::WindSite>& sites, const model::WeatherSpec& spec,
                                      const SynopticState& state, const Calendar& calendar);
std::vector<double> solar_profile(const model::SolarSite& site, const model::WeatherSpec& spec,
                                  const SynopticState& state, const Calendar& calendar, const std::string& key,
                                  double& long_run);
std::vector<double> load_profile(const model::LoadSite& site, const model::WeatherSpec& spec, const SynopticState& state,
                                 const Calendar& calendar, const std::string& key, double& long_run);
std::vector<double> hydro_profile(const model::HydroSite& site, const Calendar& calendar, const std::string& key);
std::vector<double> price_profile(const model::PriceSite& site, const Calendar& calendar, std::uint64_t seed);

// Finds x in [lo, hi] with f(x) = target for an increasing f, to `tolerance`; returns false
// when the target lies outside [f(lo), f(hi)].
template <typename F>
bool solve_increasing(F f, double target, double lo, double hi, double tolerance, double& x) {
  if (f(lo) > target || f(hi) < target) return false;
  for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
    const double mid = 0.5 * (lo + hi);
    const double value = f(mid);
    if (std::abs(value - target) <= tolerance) {
      x = mid;
      return true;
    }
    (value < target ? lo : hi) = mid;
  }
  x = 0.5 * (lo + hi);
  return true;
}

}  // namespace silkgrid::weather
