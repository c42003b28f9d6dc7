// Load: a daily shape (night trough, morning ramp, evening peak in local time), a weekly
// shape (weekend dip), a seasonal shape (winter heating, summer cooling) and day-to-day
// weather noise (AR(1)); then an affine map a + b·shape that meets the annual energy and the
// peak exactly (only a scale when no peak is given).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/time_axis.hpp"
#include "weather/generate.hpp"
#include "weather/random.hpp"

namespace silkgrid::weather {

namespace {
double bump(double hour, double centre, double width) {
  double d = std::fmod(hour - centre + 36.0, 24.0) - 12.0;  // circular distance in hours
  return std::exp(-d * d / (2 * width * width));
}
}  // namespace

std::vector<double> load_profile(const model::LoadSite& site, const Calendar& cal, std::uint64_t seed,
                                 const std::string& key) {
  const std::size_t n = cal.size();
  Random rng(stream_seed(seed, "load:" + site.name));
  std::vector<double> shape(n);
  double noise = 0;
  int last_day = -1;
  for (std::size_t t = 0; t < n; ++t) {
    if (cal.day_of_year[t] != last_day) {
      noise = 0.7 * noise + std::sqrt(1 - 0.49) * rng.normal();
      last_day = cal.day_of_year[t];
    }
    const double local = std::fmod(cal.hour_utc[t] + site.lon / 15.0 + 24.0, 24.0);
    const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);  // +1 mid-January
    const double seasonal = 1.0 + site.heating * std::max(0.0, winter) + site.cooling * std::max(0.0, -winter);
    const double daily = 1.0 - 0.12 * bump(local, 4.0, 2.5) + 0.5 * site.evening_peak * bump(local, 9.0, 2.0) +
                         site.evening_peak * bump(local, 19.5, 2.0) +
                         0.6 * site.cooling * std::max(0.0, -winter) * bump(local, 15.0, 3.0);
    const double weekly = cal.weekday[t] >= 5 ? 1.0 - site.weekend : 1.0;
    shape[t] = seasonal * daily * weekly * (1.0 + 0.03 * noise);
  }
  const double mean_target = site.annual_twh * 1e6 / core::hours_per_year;
  const double shape_mean = std::accumulate(shape.begin(), shape.end(), 0.0) / static_cast<double>(n);
  const double shape_max = *std::max_element(shape.begin(), shape.end());
  double a = 0, b = mean_target / shape_mean;
  if (site.peak_mw > 0) {
    if (site.peak_mw <= mean_target)
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key + ".peak_mw"},
                        fmt::format("expected a peak above the mean load {:.0f} MW, got {} MW", mean_target, site.peak_mw));
    b = (site.peak_mw - mean_target) / (shape_max - shape_mean);
    a = mean_target - b * shape_mean;
  }
  std::vector<double> out(n);
  for (std::size_t t = 0; t < n; ++t) out[t] = a + b * shape[t];
  const double low = *std::min_element(out.begin(), out.end());
  if (low < 0)
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key + ".peak_mw"},
                      fmt::format("a peak of {} MW with {} TWh a year would need negative load in some hours; "
                                  "expected a lower peak",
                                  site.peak_mw, site.annual_twh));
  return out;
}

}  // namespace silkgrid::weather
