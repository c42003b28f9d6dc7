#pragma once
// The weather section of a study: which synthetic hourly profiles to generate and the targets
// they are calibrated to. Plain values; src/weather/ turns them into series.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace silkgrid::model {

// A solar or wind column: per-unit output whose long-run (climate) mean is the capacity factor;
// single years scatter around it. The shape keys are optional: a negative value (or NaN for
// diurnal_peak_hour) means "the default" (README, "Weather-year generator").
struct ResourceSite {
  std::string name;
  double lat = 0, lon = 0;
  double capacity_factor = 0;       // long-run mean of the per-unit output
  // wind: the fleet's radius in km (negative: the study's fleet_spread_km)
  double spread_km = -1;
  // wind: local solar hour of the diurnal maximum and its amplitude (fraction of the speed);
  // seasonal amplitude of the speed (winter maximum). Negative: the defaults.
  double diurnal_peak_hour = -1, diurnal_amplitude = -1, seasonal_amplitude = -1;
  // solar: panel tilt in degrees, facing the equator (negative: 0.8 × latitude, fixed racks near the annual optimum)
  double tilt_deg = -1;
};
using SolarSite = ResourceSite;
using WindSite = ResourceSite;

struct LoadSite {
  std::string name;
  double lat = 0, lon = 0;
  double annual_twh = 0;
  double peak_mw = 0;        // 0 = not given: only the annual energy is met
  double heating = 0;        // load added at mid-winter's mean heating degrees (fraction of the mean)
  double cooling = 0;        // load added at mid-summer's mean cooling degrees
  double january_c = 0;      // mean air temperature in January and July (°C): the climate that
  double july_c = 22;        // the shared temperature anomalies are added to
  double weekend = 0.07;     // weekend reduction
  double evening_peak = 0.10;
};

struct HydroSite {
  std::string name;
  double capacity_factor = 0;
  int peak_month = 5;
};

struct PriceSite {
  std::string name;
  double mean_eur_per_mwh = 0;
  double lon = 20.0;  // where "local time" is, for the daily shape
};

// What a generated profile came out as, against its target.
struct ProfileSummary {
  std::string name;
  std::string kind;          // solar, wind, load, hydro, price
  double mean = 0, max = 0, min = 0;
  double target = 0;         // capacity factor, annual TWh, or mean price
  double achieved = 0;       // the same quantity in the series
  double long_run = 0;       // the climate's mean of it (the limit of the mean over many seeds)
  double peak_target = 0;    // load: peak_mw (0 = none)
};

struct WeatherSpec {
  bool present = false;
  std::uint64_t seed = 1;
  double correlation_length_km = 600.0;  // e-folding distance of the shared synoptic anomalies
  int fleet_sites = 6;                   // wind: sites per column
  double fleet_spread_km = 150.0;        // wind: radius of a column's fleet
  std::vector<SolarSite> solar;
  std::vector<WindSite> wind;
  std::vector<LoadSite> load;
  std::vector<HydroSite> hydro;
  std::vector<PriceSite> price;
};

// A generated weather year as a reader takes it: hourly profiles from the study's start.
struct GeneratedWeather {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // [profile][hour]
  std::vector<ProfileSummary> summary;
  std::vector<std::string> timestamps;      // one per hour
};

// Generates the profiles of `spec` for `hours` hours from `start` (ISO 8601). The reader
// is handed one (app::load passes the weather generator's) and so knows nothing of weather/.
using WeatherGenerator =
    std::function<GeneratedWeather(const WeatherSpec& spec, const std::string& start, std::size_t hours)>;

}  // namespace silkgrid::model
