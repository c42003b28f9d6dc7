// Wind: a latent Gaussian per site = synoptic part (AR(1), e-folding 48 h, innovations
// correlated between sites as exp(−distance / L) through a Cholesky factor) + local part
// (AR(1), e-folding 8 h) + a small diurnal cycle; mapped to speeds with a Weibull marginal
// (shape 2, a slightly windier winter) and through a generic power curve (cut-in 3 m/s,
// rated 12 m/s, cut-out 25 m/s). The Weibull scale is calibrated per site to the target
// capacity factor.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "weather/generate.hpp"
#include "weather/random.hpp"
#include "weather/sun.hpp"

namespace silkgrid::weather {

namespace {

double power_curve(double v) {
  constexpr double cut_in = 3.0, rated = 12.0, cut_out = 25.0;
  if (v < cut_in || v >= cut_out) return 0.0;
  if (v >= rated) return 1.0;
  const double p = (v * v * v - cut_in * cut_in * cut_in) / (rated * rated * rated - cut_in * cut_in * cut_in);
  return p < 1e-4 ? 0.0 : p;  // below 0.01 % of rated output: nothing (no tiny LP coefficients)
}

// Lower-triangular Cholesky factor of a symmetric positive definite matrix (n×n, row-major).
std::vector<double> cholesky(std::vector<double> a, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    d = std::sqrt(std::max(d, 1e-12));
    a[j * n + j] = d;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
    for (std::size_t k = j + 1; k < n; ++k) a[j * n + k] = 0.0;
  }
  return a;
}

}  // namespace

std::vector<std::vector<double>> wind_profiles(const std::vector<model::WindSite>& sites, double length_km,
                                               const Calendar& cal, std::uint64_t seed) {
  const std::size_t m = sites.size(), n = cal.size();
  std::vector<double> corr(m * m);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < m; ++j)
      corr[i * m + j] = i == j ? 1.0 : std::exp(-distance_km(sites[i].lat, sites[i].lon, sites[j].lat, sites[j].lon) / length_km);
  const std::vector<double> chol = cholesky(corr, m);

  Random rng(stream_seed(seed, "wind"));
  const double synoptic_phi = std::exp(-1.0 / 48.0), local_phi = std::exp(-1.0 / 8.0);
  const double synoptic_share = 0.8;
  std::vector<double> synoptic(m), local(m), eps(m);
  for (std::size_t i = 0; i < m; ++i) local[i] = rng.normal();
  for (std::size_t i = 0; i < m; ++i) eps[i] = rng.normal();
  for (std::size_t i = 0; i < m; ++i) {
    synoptic[i] = 0;
    for (std::size_t k = 0; k <= i; ++k) synoptic[i] += chol[i * m + k] * eps[k];
  }
  // Uniform quantiles u[i][t] of each site's latent process, plus a seasonal factor.
  std::vector<std::vector<double>> quantile(m, std::vector<double>(n));
  const double diurnal_amplitude = 0.25;
  const double sd = std::sqrt(synoptic_share + (1 - synoptic_share) + diurnal_amplitude * diurnal_amplitude / 2);
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t i = 0; i < m; ++i) eps[i] = rng.normal();
    for (std::size_t i = 0; i < m; ++i) {
      double innovation = 0;
      for (std::size_t k = 0; k <= i; ++k) innovation += chol[i * m + k] * eps[k];
      synoptic[i] = synoptic_phi * synoptic[i] + std::sqrt(1 - synoptic_phi * synoptic_phi) * innovation;
      local[i] = local_phi * local[i] + std::sqrt(1 - local_phi * local_phi) * rng.normal();
      const double local_hour = cal.hour_utc[t] + sites[i].lon / 15.0;
      const double diurnal = diurnal_amplitude * std::cos(2 * M_PI * (local_hour - 15.0) / 24.0);
      const double latent = std::sqrt(synoptic_share) * synoptic[i] + std::sqrt(1 - synoptic_share) * local[i] + diurnal;
      quantile[i][t] = std::clamp(normal_cdf(latent / sd), 1e-12, 1 - 1e-12);
    }
  }

  std::vector<std::vector<double>> out(m, std::vector<double>(n));
  for (std::size_t i = 0; i < m; ++i) {
    std::vector<double> shape(n);  // Weibull (k = 2) speed per unit scale, windier in winter
    for (std::size_t t = 0; t < n; ++t) {
      const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);
      shape[t] = (1.0 + 0.08 * winter) * std::sqrt(-std::log(1.0 - quantile[i][t]));
    }
    const auto mean_output = [&](double scale) {
      double sum = 0;
      for (double s : shape) sum += power_curve(scale * s);
      return sum / static_cast<double>(n);
    };
    double scale = 0;
    if (!solve_increasing(mean_output, sites[i].capacity_factor, 1.0, 13.0, 1e-7, scale))
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, fmt::format("weather.wind[{}].capacity_factor", i)},
                        fmt::format("expected a wind capacity factor between {:.3f} and {:.3f}, got {}", mean_output(1.0),
                                    mean_output(13.0), sites[i].capacity_factor));
    for (std::size_t t = 0; t < n; ++t) out[i][t] = power_curve(scale * shape[t]);
  }
  return out;
}

}  // namespace silkgrid::weather
