// Load: a daily shape (night trough, morning ramp, evening peak in local time), a weekly shape
// (weekend dip) and the weather: heating and cooling degree-hours of the hour's temperature,
// which is the site's climate (January and July means, a diurnal cycle of ±4 °C) plus the
// shared synoptic temperature anomaly (SynopticState; in winter it follows the wind anomaly,
// so cold spells come with calm, anticyclonic weather) — then an affine map a + b·shape whose
// long-run mean is the annual energy and whose year's maximum is the peak (only a scale when no
// peak is given).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/time_axis.hpp"
#include "weather/generate.hpp"
#include "weather/random.hpp"
#include "weather/synoptic.hpp"

namespace silkgrid::weather {

namespace load_shape {
constexpr double heating_base_c = 15.0, cooling_base_c = 21.0;  // degree-hour thresholds
constexpr double diurnal_c = 4.0;                               // ± around the daily mean, maximum at 15 h local
constexpr double anomaly_winter_c = 4.5, anomaly_summer_c = 2.5;  // sd of the synoptic anomaly
constexpr double wind_link_winter = 0.4;  // correlation of winter temperature and wind anomalies
constexpr double noise = 0.008;            // day-to-day load noise not explained by temperature
}  // namespace load_shape

namespace {
double bump(double hour, double centre, double width) {
  double d = std::fmod(hour - centre + 36.0, 24.0) - 12.0;  // circular distance in hours
  return std::exp(-d * d / (2 * width * width));
}
// E[max(0, x)] for x ~ N(mu, sd²).
double expected_positive(double mu, double sd) {
  if (sd <= 0) return std::max(0.0, mu);
  const double d = mu / sd;
  return mu * normal_cdf(d) + sd * std::exp(-0.5 * d * d) / std::sqrt(2 * M_PI);
}
}  // namespace

std::vector<double> load_profile(const model::LoadSite& site, const model::WeatherSpec& spec, const SynopticState& state,
                                 const Calendar& cal, const std::string& key, double& long_run_twh) {
  const std::size_t n = cal.size();
  Random rng(stream_seed(spec.seed, "load:" + site.name));
  const Place p = place(site.lat, site.lon);
  const std::vector<double> temperature = state.temperature.at(p);
  const std::vector<double> wind = state.wind.at(p);
  // Climate of hour t: mean temperature and anomaly sd.
  const double mid = 0.5 * (site.january_c + site.july_c), half = 0.5 * (site.july_c - site.january_c);
  std::vector<double> climate(n), spread(n), base(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);  // +1 mid-January
    const double local = std::fmod(cal.hour_utc[t] + site.lon / 15.0 + 24.0, 24.0);
    climate[t] = mid - half * winter + load_shape::diurnal_c * std::cos(2 * M_PI * (local - 15.0) / 24.0);
    spread[t] = 0.5 * (load_shape::anomaly_winter_c + load_shape::anomaly_summer_c) +
                0.5 * (load_shape::anomaly_winter_c - load_shape::anomaly_summer_c) * winter;
    const double daily = 1.0 - 0.20 * bump(local, 4.0, 3.0) + 0.5 * site.evening_peak * bump(local, 9.0, 2.0) +
                         site.evening_peak * bump(local, 19.5, 2.0);
    const double weekly = cal.weekday[t] >= 5 ? 1.0 - site.weekend : 1.0;
    base[t] = daily * weekly;
  }
  // Reference degrees: the mean heating degrees of January and cooling degrees of July in the
  // climate (expectations over the anomaly), so `heating` and `cooling` keep their meaning.
  double heating_ref = 0, cooling_ref = 0;
  int january = 0, july = 0;
  for (std::size_t t = 0; t < n; ++t) {
    if (cal.day_of_year[t] <= 31) heating_ref += expected_positive(load_shape::heating_base_c - climate[t], spread[t]), ++january;
    if (cal.day_of_year[t] >= 182 && cal.day_of_year[t] <= 212)
      cooling_ref += expected_positive(climate[t] - load_shape::cooling_base_c, spread[t]), ++july;
  }
  heating_ref = january ? std::max(1.0, heating_ref / january) : 1.0;
  cooling_ref = july ? std::max(1.0, cooling_ref / july) : 1.0;
  const double h = site.heating / heating_ref, c = site.cooling / cooling_ref;

  std::vector<double> shape(n);
  double long_run_mean = 0, noise = 0;
  int last_day = -1;
  for (std::size_t t = 0; t < n; ++t) {
    if (cal.day_of_year[t] != last_day) {
      noise = 0.5 * noise + std::sqrt(1 - 0.25) * rng.normal();
      last_day = cal.day_of_year[t];
    }
    const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);
    const double link = load_shape::wind_link_winter * std::max(0.0, winter);
    const double anomaly = link * wind[t] + std::sqrt(1 - link * link) * temperature[t];
    const double air = climate[t] + spread[t] * anomaly;
    const double weather = 1.0 + h * std::max(0.0, load_shape::heating_base_c - air) +
                           c * std::max(0.0, air - load_shape::cooling_base_c);
    shape[t] = base[t] * weather * (1.0 + load_shape::noise * noise);
    long_run_mean += base[t] * (1.0 + h * expected_positive(load_shape::heating_base_c - climate[t], spread[t]) +
                                c * expected_positive(climate[t] - load_shape::cooling_base_c, spread[t]));
  }
  long_run_mean /= static_cast<double>(n);
  const double mean_target = site.annual_twh * 1e6 / core::hours_per_year;
  const double shape_max = *std::max_element(shape.begin(), shape.end());
  double a = 0, b = mean_target / long_run_mean;
  if (site.peak_mw > 0) {
    if (site.peak_mw <= mean_target)
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key + ".peak_mw"},
                        fmt::format("expected a peak above the mean load {:.0f} MW, got {} MW", mean_target, site.peak_mw));
    if (!(shape_max > long_run_mean * (1 + 1e-9)))
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key + ".peak_mw"},
                        "the load's shape is flat in this year, so no peak can be set; expected no peak_mw");
    b = (site.peak_mw - mean_target) / (shape_max - long_run_mean);
    a = mean_target - b * long_run_mean;
  }
  std::vector<double> out(n);
  for (std::size_t t = 0; t < n; ++t) out[t] = a + b * shape[t];
  long_run_twh = site.annual_twh;
  const double low = *std::min_element(out.begin(), out.end());
  if (low < 0)
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key + ".peak_mw"},
                      fmt::format("a peak of {} MW with {} TWh a year would need negative load in some hours; "
                                  "expected a lower peak",
                                  site.peak_mw, site.annual_twh));
  return out;
}

}  // namespace silkgrid::weather
