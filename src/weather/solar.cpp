// Solar PV. Each day has a cloud state: a latent Gaussian that mixes the year's anomaly, the
// shared daily cloud field (SynopticState; windy days are cloudier, from the day's mean of the
// wind field) and the site's own daily noise, shifted by the season (cloudier winters). It maps
// to the day's clear-sky index through the regimes: clear (≥ 0.9), broken (0.4–0.9) and
// overcast (0.08–0.35) days; within a day the index varies hour to hour (AR(1), e-folding 2 h),
// most on broken days. Irradiance: Haurwitz's clear-sky GHI times the index, split into beam
// and diffuse by the index, on panels tilted towards the equator (isotropic sky, albedo 0.2).
// Output per unit = min(1, gain · plane-of-array irradiance / 1000 W/m²); the gain (DC/AC
// ratio, losses) is calibrated to the climate: the long-run mean output (by quadrature over
// the cloud state) meets the capacity factor.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/error.hpp"
#include "weather/generate.hpp"
#include "weather/random.hpp"
#include "weather/sun.hpp"
#include "weather/synoptic.hpp"

namespace silkgrid::weather {

namespace solar_shape {
// Calibrated against Bulgaria's 2016 national PV (../shared/data/weather-statistics.md; README).
constexpr double year_share = 0.010;      // variance share of the year's cloud anomaly
constexpr double synoptic_share = 0.75;   // of the rest: the shared cloud field; the remainder is the site's own
constexpr double wind_link = 0.35;        // correlation of the cloud state with the day's wind anomaly
constexpr double base = -0.42;            // mean cloud state at 45° N in spring and autumn
constexpr double winter = 0.50;           // + winter × cos(season): cloudier winters
constexpr double per_degree = 0.03;       // − per degree of latitude south of 45° (sunnier south)
constexpr double hourly_time_scale_h = 2;
constexpr double albedo = 0.2;
}  // namespace solar_shape

namespace {

// The day's clear-sky index from its cloud state (piecewise linear, decreasing): clear days
// below 0, broken between 0 and 1.2, overcast above.
double day_index(double state) {
  constexpr std::array<std::pair<double, double>, 6> knots{{{-3.0, 0.98}, {-0.3, 0.90}, {1.5, 0.40},
                                                            {1.5001, 0.35}, {2.5, 0.15}, {4.0, 0.08}}};
  if (state <= knots.front().first) return knots.front().second;
  for (std::size_t i = 1; i < knots.size(); ++i)
    if (state <= knots[i].first) {
      const auto [x0, y0] = knots[i - 1];
      const auto [x1, y1] = knots[i];
      return y0 + (y1 - y0) * (state - x0) / (x1 - x0);
    }
  return knots.back().second;
}

// The hour's clear-sky index: the day's index plus hourly variation, largest on broken days.
double hour_index(double day, double noise) { return std::clamp(day + 0.8 * day * (1 - day) * noise, 0.03, 1.0); }

struct Geometry {
  double clear_ghi = 0;   // W/m²
  double beam_ratio = 0;  // cos(incidence) / cos(zenith) on the tilted panel
  double air_c = 0;       // air temperature (a generic mid-latitude climate)
};

// The module's efficiency relative to 25 °C: −0.4 %/K of cell temperature, the cell 30 K above
// the air at 1 kW/m² (NOCT-style; crystalline silicon).
double temperature_factor(double air_c, double poa_kw) { return 1.0 - 0.004 * (air_c + 30.0 * poa_kw - 25.0); }

// Plane-of-array irradiance in kW/m² at the hour's clear-sky index.
double plane_of_array(const Geometry& g, double index, double tilt_rad) {
  const double ghi = g.clear_ghi * index;
  const double cloud = 1 - index;  // diffuse share: 0.15 under a clear sky, → 1 under thick clouds
  const double diffuse_share = std::clamp(0.15 + 0.85 * cloud * std::sqrt(cloud), 0.15, 1.0);
  const double beam = ghi * (1 - diffuse_share) * g.beam_ratio;
  const double sky = ghi * diffuse_share * (1 + std::cos(tilt_rad)) / 2;
  const double ground = ghi * solar_shape::albedo * (1 - std::cos(tilt_rad)) / 2;
  return (beam + sky + ground) / 1000.0;
}

}  // namespace

std::vector<double> solar_profile(const model::SolarSite& site, const model::WeatherSpec& spec,
                                  const SynopticState& state, const Calendar& cal, const std::string& key,
                                  double& long_run_out) {
  const std::size_t n = cal.size();
  const double tilt_deg = site.tilt_deg >= 0 ? site.tilt_deg : 0.8 * std::abs(site.lat);
  const double tilt = tilt_deg * M_PI / 180.0;
  std::vector<Geometry> geometry(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double cosz = cos_zenith(site.lat, site.lon, cal.day_of_year[t], cal.hour_utc[t]);
    const double ghi = clear_sky_ghi(cosz);
    if (ghi < 0.1) continue;  // sun at or below the horizon: nothing (no denormal-sized values)
    const double cosi = std::max(0.0, cos_incidence_tilted(site.lat, site.lon, tilt_deg, cal.day_of_year[t], cal.hour_utc[t]));
    const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);
    const double local_hour = cal.hour_utc[t] + site.lon / 15.0;
    const double air = 12.0 - 12.0 * winter + 5.0 * std::cos(2 * M_PI * (local_hour - 15.0) / 24.0);
    geometry[t] = Geometry{ghi, std::min(cosi / std::max(cosz, 0.087), 4.0), air};
  }
  const auto season_shift = [&](int day) {
    return solar_shape::base + solar_shape::winter * std::cos(2 * M_PI * (day - 15) / 365.0) -
           solar_shape::per_degree * (45.0 - std::abs(site.lat));
  };

  // The climate: plane-of-array values over the law of the cloud state (standard normal plus
  // the season) and of the hourly noise, binned to evaluate E[min(1, gain · POA)] fast.
  constexpr int state_nodes = 21, noise_nodes = 3;  // Gauss–Hermite for the noise: exact to degree 5
  constexpr std::array<double, noise_nodes> hermite_x{-1.2247448713915890, 0.0, 1.2247448713915890};
  constexpr std::array<double, noise_nodes> hermite_w{0.29540897515091934, 1.1816359006036774, 0.29540897515091934};
  std::array<double, state_nodes> state_z{}, state_w{};
  double state_total = 0;
  for (int i = 0; i < state_nodes; ++i) {
    state_z[i] = -4.0 + 8.0 * i / (state_nodes - 1);
    state_w[i] = std::exp(-0.5 * state_z[i] * state_z[i]);
    state_total += state_w[i];
  }
  constexpr std::size_t bins = 4096;
  constexpr double max_poa = 1.6;  // kW/m²
  std::vector<double> bin_weight(bins, 0.0), bin_value(bins, 0.0);
  const double hour_weight = 1.0 / static_cast<double>(n) / state_total / std::sqrt(M_PI);
  for (std::size_t t = 0; t < n; ++t) {
    if (geometry[t].clear_ghi == 0) continue;
    const double shift = season_shift(cal.day_of_year[t]);
    for (int i = 0; i < state_nodes; ++i) {
      const double day = day_index(state_z[i] + shift);
      for (int j = 0; j < noise_nodes; ++j) {
        const double poa = plane_of_array(geometry[t], hour_index(day, std::sqrt(2.0) * hermite_x[j]), tilt);
        const double x = poa * temperature_factor(geometry[t].air_c, poa);
        const double w = hour_weight * state_w[i] * hermite_w[j];
        const auto b = std::min(bins - 1, static_cast<std::size_t>(x / max_poa * bins));
        bin_weight[b] += w;
        bin_value[b] += w * x;
      }
    }
  }
  const auto long_run = [&](double gain) {
    double sum = 0;
    for (std::size_t b = 0; b < bins; ++b) {
      if (bin_weight[b] == 0) continue;
      const double x = bin_value[b] / bin_weight[b];
      sum += gain * x >= 1 ? bin_weight[b] : gain * bin_value[b];
    }
    return sum;
  };
  double gain = 0;
  if (!solve_increasing(long_run, site.capacity_factor, 0.0, 20.0, 1e-8, gain))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key},
                      fmt::format("a solar capacity factor of {} cannot be reached at latitude {} (at most {:.3f})",
                                  site.capacity_factor, site.lat, long_run(20.0)));
  long_run_out = long_run(gain);

  // The year.
  Random rng(stream_seed(spec.seed, "solar:" + site.name));
  const Place p = place(site.lat, site.lon);
  const std::vector<double> cloud = state.cloud.at(p);
  const std::vector<double> wind = state.wind.at(p);
  const double year = state.cloud_year.at(p)[0];
  const double phi = std::exp(-1.0 / solar_shape::hourly_time_scale_h);
  const double own_phi = synoptic::cloud_lag1;
  // The sd of a day's mean of the hourly wind field (an AR(1)): sqrt(Σᵢⱼ ρ^|i−j|) / 24.
  const double rho = std::exp(-1.0 / synoptic::wind_time_scale_h);
  double sum = 24;
  for (int k = 1; k < 24; ++k) sum += 2.0 * (24 - k) * std::pow(rho, k);
  const double wind_day_sd = std::sqrt(sum) / 24.0;
  double own = rng.normal(), noise = rng.normal();
  std::vector<double> out(n, 0.0);
  const std::size_t offset = cal.size() ? static_cast<std::size_t>(cal.hour_utc[0]) : 0;
  for (std::size_t d = 0; d * 24 < n + offset; ++d) {
    if (d > 0) own = own_phi * own + std::sqrt(1 - own_phi * own_phi) * rng.normal();
    const std::size_t first = d * 24 > offset ? d * 24 - offset : 0, last = std::min(n, (d + 1) * 24 - offset);
    double wind_day = 0;
    for (std::size_t t = first; t < last; ++t) wind_day += wind[t];
    wind_day /= static_cast<double>(std::max<std::size_t>(1, last - first));
    wind_day /= wind_day_sd;  // unit variance, as the cloud field's
    const double shared = solar_shape::wind_link * wind_day +
                          std::sqrt(1 - solar_shape::wind_link * solar_shape::wind_link) * cloud[d];
    const double weather = std::sqrt(solar_shape::synoptic_share) * shared + std::sqrt(1 - solar_shape::synoptic_share) * own;
    const double z = std::sqrt(solar_shape::year_share) * year + std::sqrt(1 - solar_shape::year_share) * weather;
    for (std::size_t t = first; t < last; ++t) {
      noise = phi * noise + std::sqrt(1 - phi * phi) * rng.normal();
      if (geometry[t].clear_ghi == 0) continue;
      const double day = day_index(z + season_shift(cal.day_of_year[t]));
      const double poa = plane_of_array(geometry[t], hour_index(day, noise), tilt);
      out[t] = std::min(1.0, gain * poa * temperature_factor(geometry[t].air_c, poa));
    }
  }
  return out;
}

}  // namespace silkgrid::weather
