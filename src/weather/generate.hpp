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

// The individual generators (each calibrated; the stream of random numbers comes from the
// seed and the profile's name, so adding a profile leaves the others unchanged — except wind,
// whose sites are generated jointly to correlate them).
std::vector<double> solar_profile(const model::SolarSite& site, const Calendar& calendar, std::uint64_t seed,
                                  const std::string& key);
std::vector<std::vector<double>> wind_profiles(const std::vector<model::WindSite>& sites, double correlation_length_km,
                                               const Calendar& calendar, std::uint64_t seed);
std::vector<double> load_profile(const model::LoadSite& site, const Calendar& calendar, std::uint64_t seed,
                                 const std::string& key);
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
