#include "weather/synoptic.hpp"

#include <cmath>

#include "weather/random.hpp"

namespace silkgrid::weather {

Place place(double lat_deg, double lon_deg) {
  constexpr double km_per_degree = 6371.0 * M_PI / 180.0;
  return Place{lon_deg * km_per_degree * std::cos(45.0 * M_PI / 180.0), lat_deg * km_per_degree};
}

Field::Field(std::uint64_t seed, std::string_view name, FieldShape shape, std::size_t steps) : steps_(steps) {
  Random rng(stream_seed(seed, std::string("field:") + std::string(name)));
  kx_.resize(modes);
  ky_.resize(modes);
  // exp(−|x| / L) is the characteristic function of the bivariate Cauchy law: k = z / (|w| L)
  // with z ~ N(0, I₂), w ~ N(0, 1). A mean over the waves' phases gives the covariance.
  for (std::size_t m = 0; m < modes; ++m) {
    const double w = std::max(std::abs(rng.normal()), 1e-6);
    kx_[m] = rng.normal() / (w * shape.length_km);
    ky_[m] = rng.normal() / (w * shape.length_km);
  }
  a_.resize(steps * modes);
  b_.resize(steps * modes);
  const double phi = shape.time_scale_h > 0 ? std::exp(-shape.step_h / shape.time_scale_h) : 1.0;
  phi_ = phi;
  smoothing_ = shape.smoothing_h / shape.step_h;
  const double innovation = std::sqrt(1 - phi * phi);
  for (std::size_t m = 0; m < modes; ++m) {
    a_[m] = rng.normal();
    b_[m] = rng.normal();
  }
  for (std::size_t t = 1; t < steps; ++t)
    for (std::size_t m = 0; m < modes; ++m) {
      a_[t * modes + m] = phi * a_[(t - 1) * modes + m] + innovation * rng.normal();
      b_[t * modes + m] = phi * b_[(t - 1) * modes + m] + innovation * rng.normal();
    }
}

void smooth(std::vector<double>& u, double phi, double psi) {
  if (psi <= 0 || u.empty()) return;
  // Var(y) / Var(u) = (1 − ψ)² (1 + ψφ) / ((1 − ψ²)(1 − ψφ)) for a stationary AR(1) u.
  const double gain = std::sqrt((1 - psi) * (1 - psi) * (1 + psi * phi) / ((1 - psi * psi) * (1 - psi * phi)));
  // Start from the stationary state: y(0) = u(0) has the right variance only approximately, so
  // run the filter once over the first week backwards as a burn-in.
  double y = u[0];
  const std::size_t burn = std::min<std::size_t>(u.size(), 168);
  for (std::size_t t = burn; t-- > 0;) y = psi * y + (1 - psi) * u[t];
  for (auto& x : u) {
    y = psi * y + (1 - psi) * x;
    x = y / gain;
  }
}

std::vector<double> Field::at(const Place& p) const {
  double c[modes], s[modes];
  const double norm = std::sqrt(1.0 / modes);
  for (std::size_t m = 0; m < modes; ++m) {
    const double phase = kx_[m] * p.x_km + ky_[m] * p.y_km;
    c[m] = norm * std::cos(phase);
    s[m] = norm * std::sin(phase);
  }
  std::vector<double> out(steps_);
  for (std::size_t t = 0; t < steps_; ++t) {
    const double* a = &a_[t * modes];
    const double* b = &b_[t * modes];
    double v = 0;
    for (std::size_t m = 0; m < modes; ++m) v += a[m] * c[m] + b[m] * s[m];
    out[t] = v;
  }
  if (smoothing_ > 0) smooth(out, phi_, std::exp(-1.0 / smoothing_));
  return out;
}

}  // namespace silkgrid::weather

namespace silkgrid::weather {

namespace {
std::size_t days_of(std::size_t hours) { return (hours + 23) / 24 + 1; }
double cloud_time_scale_h() { return -24.0 / std::log(synoptic::cloud_lag1); }
}  // namespace

SynopticState::SynopticState(std::uint64_t seed, double length_km, std::size_t hours)
    : wind(seed, "wind", FieldShape{length_km, synoptic::wind_time_scale_h, 1, synoptic::wind_smoothing_h}, hours),
      temperature(seed, "temperature", FieldShape{1.5 * length_km, synoptic::temperature_time_scale_h, 1}, hours),
      cloud(seed, "cloud", FieldShape{0.8 * length_km, cloud_time_scale_h(), 24}, days_of(hours)),
      wind_year(seed, "wind-year", FieldShape{synoptic::year_length_factor * length_km, 0, 1}, 1),
      cloud_year(seed, "cloud-year", FieldShape{synoptic::year_length_factor * length_km, 0, 1}, 1) {}

}  // namespace silkgrid::weather
