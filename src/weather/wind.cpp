// Wind as fleets. Each column is a fleet of `fleet_sites` sites spread over a disc of the
// column's radius (a sunflower pattern around its place). A site's latent Gaussian mixes the
// year's anomaly, the shared synoptic wind field at the site (SynopticState) and a local part
// (AR(1), e-folding 5 h; nearby sites share most of it); it maps to a speed through a Weibull
// marginal (shape 2), scaled by the column's seasonal and diurnal cycles, and through a
// smoothed fleet power curve. The fleet's output is the mean of its sites. The Weibull scale
// is calibrated to the climate: the long-run mean output (an integral over the latent law,
// computed by quadrature) meets the capacity factor, and single years scatter around it.
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

namespace wind_shape {
// Calibrated against Bulgaria's 2016 fleet (../shared/data/weather-statistics.md; README).
constexpr double year_share = 0.002;       // variance share of the year's anomaly
constexpr double synoptic_share = 0.60;    // of the rest: the shared field; the remainder is local
constexpr double local_time_scale_h = 8;
constexpr double local_smoothing_h = 1;
constexpr double local_length_km = 40;     // sites this far apart share 1/e of their local part
constexpr double weibull_shape = 2.3;
constexpr double site_diversity = 0.20;    // the fleet's sites span ±20 % of the mean speed
constexpr double curve_spread_m_s = 1.8;   // sd of speeds within a site (smooths the curve)
constexpr double fleet_availability = 0.95;  // availability and wake losses: the curve's top
constexpr double diurnal_peak_hour = 20;     // local solar time (18 UTC in Bulgaria)
constexpr double diurnal_amplitude = 0.02;   // fraction of the speed
constexpr double seasonal_amplitude = 0.14;  // fraction of the speed, winter maximum
}  // namespace wind_shape

namespace {

double turbine_curve(double v) {
  // A modern turbine: cut-in 3 m/s, rated 12 m/s, high-wind ride-through from 25 to 30 m/s.
  constexpr double cut_in = 3.0, rated = 12.0, ride_through = 25.0, cut_out = 30.0;
  if (v < cut_in || v >= cut_out) return 0.0;
  if (v >= ride_through) return (cut_out - v) / (cut_out - ride_through);
  if (v >= rated) return 1.0;
  return (v * v * v - cut_in * cut_in * cut_in) / (rated * rated * rated - cut_in * cut_in * cut_in);
}

// A function tabulated on [0, max] at `step`, linearly interpolated (constant beyond).
struct Table {
  double step = 0.01;
  std::vector<double> y;
  double operator()(double x) const {
    const double i = x / step;
    if (i <= 0) return y.front();
    const auto k = static_cast<std::size_t>(i);
    if (k + 1 >= y.size()) return y.back();
    const double f = i - static_cast<double>(k);
    return y[k] + f * (y[k + 1] - y[k]);
  }
};

// The fleet power curve: the turbine curve averaged over a Gaussian spread of speeds
// (Nørgaard & Holttinen 2004's multi-turbine curve), times availability. Below 1e-4 of
// capacity it is 0 (no tiny LP coefficients).
Table fleet_curve() {
  Table t;
  t.step = 0.02;
  constexpr int nodes = 41;
  for (double v = 0; v <= 40.0; v += t.step) {
    double sum = 0, weights = 0;
    for (int i = 0; i < nodes; ++i) {
      const double e = -4.0 + 8.0 * i / (nodes - 1);
      const double w = std::exp(-0.5 * e * e);
      sum += w * turbine_curve(v + wind_shape::curve_spread_m_s * e * std::min(1.0, v / 4.0));
      weights += w;
    }
    const double p = wind_shape::fleet_availability * sum / weights;
    t.y.push_back(p < 1e-4 ? 0.0 : p);
  }
  return t;
}

// Weibull speed per unit scale at the standard-normal latent z.
double weibull_speed(double z) {
  const double u = std::clamp(normal_cdf(z), 1e-12, 1 - 1e-12);
  return std::pow(-std::log1p(-u), 1.0 / wind_shape::weibull_shape);
}

// G(x) = E[curve(x · speed(z))] over z ~ N(0, 1): the long-run output at scale × modulation x.
Table expected_output(const Table& curve) {
  constexpr int nodes = 241;
  std::array<double, nodes> speed{}, weight{};
  double weights = 0;
  for (int i = 0; i < nodes; ++i) {
    const double z = -6.0 + 12.0 * i / (nodes - 1);
    speed[i] = weibull_speed(z);
    weight[i] = std::exp(-0.5 * z * z);
    weights += weight[i];
  }
  Table g;
  g.step = 0.02;
  for (double x = 0; x <= 30.0; x += g.step) {
    double sum = 0;
    for (int i = 0; i < nodes; ++i) sum += weight[i] * curve(x * speed[i]);
    g.y.push_back(sum / weights);
  }
  return g;
}

double or_default(double value, double fallback) { return value >= 0 ? value : fallback; }

}  // namespace

std::vector<WindColumn> wind_profiles(const std::vector<model::WindSite>& sites, const model::WeatherSpec& spec,
                                      const SynopticState& state, const Calendar& cal) {
  const std::size_t n = cal.size();
  const Table curve = fleet_curve();
  const Table expected = expected_output(curve);
  std::vector<WindColumn> out;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const auto& site = sites[i];
    const double radius = or_default(site.spread_km, spec.fleet_spread_km);
    const double peak = or_default(site.diurnal_peak_hour, wind_shape::diurnal_peak_hour);
    const double diurnal = or_default(site.diurnal_amplitude, wind_shape::diurnal_amplitude);
    const double seasonal = or_default(site.seasonal_amplitude, wind_shape::seasonal_amplitude);
    // The column's deterministic modulation of the speed, hour by hour.
    std::vector<double> modulation(n);
    for (std::size_t t = 0; t < n; ++t) {
      const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);
      const double local_hour = cal.hour_utc[t] + site.lon / 15.0;
      modulation[t] = (1 + seasonal * winter) * (1 + diurnal * std::cos(2 * M_PI * (local_hour - peak) / 24.0));
    }
    // Windier and calmer sites: evenly spread factors with a mean of 1 (one site: 1).
    const int count = std::max(1, spec.fleet_sites);
    std::vector<double> site_scales(static_cast<std::size_t>(count), 1.0);
    for (int s = 0; count > 1 && s < count; ++s)
      site_scales[static_cast<std::size_t>(s)] =
          1.0 + wind_shape::site_diversity * (2.0 * ((s * 7 + 3) % count + 0.5) / count - 1.0);
    // The modulation's distribution over the hours (512 bins; G is smooth within a bin).
    const auto [lowest, highest] = std::minmax_element(modulation.begin(), modulation.end());
    constexpr std::size_t bins = 512;
    const double width = std::max(1e-12, (*highest - *lowest) / bins);
    std::vector<double> bin_count(bins, 0.0), bin_sum(bins, 0.0);
    for (double m : modulation) {
      const auto b = std::min(bins - 1, static_cast<std::size_t>((m - *lowest) / width));
      bin_count[b] += 1;
      bin_sum[b] += m;
    }
    const auto long_run = [&](double scale) {
      double sum = 0;
      for (std::size_t b = 0; b < bins; ++b) {
        if (bin_count[b] == 0) continue;
        const double m = bin_sum[b] / bin_count[b];
        for (double f : site_scales) sum += bin_count[b] * expected(f * scale * m);
      }
      return sum / static_cast<double>(n) / static_cast<double>(count);
    };
    // The output rises with the scale until cut-outs take over: search below the maximum.
    double top = 0.5;
    for (double x = 0.5; x <= 29.0; x += 0.25)
      if (long_run(x) > long_run(top)) top = x;
    double scale = 0;
    if (!solve_increasing(long_run, site.capacity_factor, 0.5, top, 1e-8, scale))
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, fmt::format("weather.wind[{}].capacity_factor", i)},
                        fmt::format("expected a wind capacity factor between {:.3f} and {:.3f}, got {}", long_run(0.5),
                                    long_run(top), site.capacity_factor));

    // The fleet: sites on a sunflower over the disc (one site: the column's place).
    const double km_per_degree = 6371.0 * M_PI / 180.0;
    const double shared_local = std::exp(-radius / wind_shape::local_length_km);
    Random rng(stream_seed(spec.seed, "wind:" + site.name));
    const double local_phi = std::exp(-1.0 / wind_shape::local_time_scale_h);
    const double local_psi = std::exp(-1.0 / wind_shape::local_smoothing_h);
    const auto local_series = [&] {
      std::vector<double> l(n);
      double x = rng.normal();
      for (std::size_t t = 0; t < n; ++t) {
        if (t > 0) x = local_phi * x + std::sqrt(1 - local_phi * local_phi) * rng.normal();
        l[t] = x;
      }
      smooth(l, local_phi, local_psi);
      return l;
    };
    const std::vector<double> common_local = local_series();
    std::vector<double> total(n, 0.0);
    for (int s = 0; s < count; ++s) {
      const double r = count == 1 ? 0.0 : radius * std::sqrt((s + 0.5) / count);
      const double angle = 2.399963229728653 * s;  // the golden angle
      const double lat = site.lat + r * std::sin(angle) / km_per_degree;
      const double lon = site.lon + r * std::cos(angle) / (km_per_degree * std::cos(site.lat * M_PI / 180.0));
      const Place p = place(lat, lon);
      const double site_scale = site_scales[static_cast<std::size_t>(s)];
      const std::vector<double> synoptic = state.wind.at(p);
      const double year = state.wind_year.at(p)[0];
      const std::vector<double> own = local_series();
      for (std::size_t t = 0; t < n; ++t) {
        const double local = std::sqrt(shared_local) * common_local[t] + std::sqrt(1 - shared_local) * own[t];
        const double weather = std::sqrt(wind_shape::synoptic_share) * synoptic[t] +
                               std::sqrt(1 - wind_shape::synoptic_share) * local;
        const double z = std::sqrt(wind_shape::year_share) * year + std::sqrt(1 - wind_shape::year_share) * weather;
        total[t] += curve(site_scale * scale * modulation[t] * weibull_speed(z));
      }
    }
    WindColumn column;
    column.values.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
      const double v = total[t] / count;
      column.values[t] = v < 1e-4 ? 0.0 : v;
    }
    column.long_run = long_run(scale);
    out.push_back(std::move(column));
  }
  return out;
}

}  // namespace silkgrid::weather
