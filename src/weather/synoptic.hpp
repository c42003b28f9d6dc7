#pragma once
// The shared synoptic state of a weather year: spatially correlated anomaly fields over the
// whole study area, which every column samples at its own place (README, "Weather-year
// generator"). Each field is a sum of random plane waves (random Fourier features) whose
// wave vectors are drawn from the spectral density of exp(−distance / L), a bivariate Cauchy
// law, so the covariance of two places at distance d is exp(−d / L) in expectation over seeds;
// the waves' coefficients follow AR(1) processes in time. A place's series depends only on the
// seed and the place, never on which other columns a study has.
#include <cstdint>
#include <string_view>
#include <vector>

namespace silkgrid::weather {

// Plane coordinates in km of a place (an equirectangular projection at 45° N: the corridor
// spans 17–77° E, 38–52° N; distances within a few per cent of great-circle ones).
struct Place {
  double x_km = 0, y_km = 0;
};
Place place(double lat_deg, double lon_deg);

// A field's parameters: e-folding distance and time scale of its anomalies.
struct FieldShape {
  double length_km = 600;
  double time_scale_h = 48;  // AR(1) e-folding; 0: constant over the year (the year's anomaly)
  double step_h = 1;         // 24 for a daily field
  // e-folding of a first-order smoothing of the AR(1) (0: none): a smoother path at short lags
  // (hour-to-hour persistence as in measured wind) with the same long-lag decay
  double smoothing_h = 0;
};

// Unit-variance smoothing of an AR(1) series (coefficient phi) by y(t) = ψ y(t−1) + (1 − ψ) u(t).
void smooth(std::vector<double>& u, double phi, double psi);

// One anomaly field, standard normal at every place and time (in expectation over seeds).
class Field {
 public:
  Field(std::uint64_t seed, std::string_view name, FieldShape shape, std::size_t steps);
  // The series of the field at a place: one value per step.
  std::vector<double> at(const Place& p) const;
  std::size_t steps() const { return steps_; }

 private:
  static constexpr std::size_t modes = 48;
  std::size_t steps_;
  double phi_ = 0, smoothing_ = 0;  // smoothing in steps
  std::vector<double> kx_, ky_;      // wave vectors, 1/km
  std::vector<double> a_, b_;        // [step][mode] cosine and sine coefficients
};

}  // namespace silkgrid::weather

namespace silkgrid::weather {

// Time scales of the shared state (README, "Weather-year generator", calibration).
namespace synoptic {
constexpr double wind_time_scale_h = 18;         // synoptic wind anomalies
constexpr double wind_smoothing_h = 1.5;
constexpr double temperature_time_scale_h = 90;  // cold and warm spells
constexpr double cloud_lag1 = 0.55;              // day-to-day persistence of the cloud state
constexpr double year_length_factor = 3;         // the year's anomalies span 3 correlation lengths
}  // namespace synoptic

// The weather of one year over the whole study area: hourly wind and temperature anomalies,
// daily cloud anomalies, and each year's own wind and cloud anomalies (inter-annual variability).
struct SynopticState {
  Field wind, temperature, cloud, wind_year, cloud_year;
  SynopticState(std::uint64_t seed, double length_km, std::size_t hours);
};

}  // namespace silkgrid::weather
