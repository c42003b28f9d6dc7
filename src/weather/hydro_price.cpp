// Hydro availability (a seasonal snow-melt cycle) and market prices (daily double peak,
// summer midday solar dip, winter premium, day-to-day noise), both scaled to their means.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "weather/generate.hpp"
#include "weather/random.hpp"

namespace silkgrid::weather {

std::vector<double> hydro_profile(const model::HydroSite& site, const Calendar& cal, const std::string& key) {
  if (!(site.capacity_factor > 0 && site.capacity_factor <= 1))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key + ".capacity_factor"},
                      fmt::format("expected a capacity factor in (0, 1], got {}", site.capacity_factor));
  // Amplitude as large as possible up to 0.6 of the mean while staying within [0, 1].
  const double amplitude = std::min(0.6, 0.95 * (1.0 - site.capacity_factor) / site.capacity_factor);
  const double peak_day = 30.4 * (site.peak_month - 1) + 15;
  std::vector<double> out(cal.size());
  for (std::size_t t = 0; t < cal.size(); ++t)
    out[t] = site.capacity_factor * (1.0 + amplitude * std::cos(2 * M_PI * (cal.day_of_year[t] - peak_day) / 365.0));
  const double mean = std::accumulate(out.begin(), out.end(), 0.0) / static_cast<double>(out.size());
  for (double& v : out) v = std::min(1.0, v * site.capacity_factor / mean);
  return out;
}

std::vector<double> price_profile(const model::PriceSite& site, const Calendar& cal, std::uint64_t seed) {
  Random rng(stream_seed(seed, "price:" + site.name));
  std::vector<double> out(cal.size());
  double noise = 0;
  int last_day = -1;
  for (std::size_t t = 0; t < cal.size(); ++t) {
    if (cal.day_of_year[t] != last_day) {
      noise = 0.8 * noise + 0.6 * rng.normal();
      last_day = cal.day_of_year[t];
    }
    const double local = std::fmod(cal.hour_utc[t] + site.lon / 15.0 + 24.0, 24.0);
    const auto bump = [&](double centre, double width) {
      const double d = std::fmod(local - centre + 36.0, 24.0) - 12.0;
      return std::exp(-d * d / (2 * width * width));
    };
    const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);
    const double summer = std::max(0.0, -winter);
    out[t] = 1.0 + 0.18 * bump(8.0, 1.8) + 0.32 * bump(19.5, 1.8) - 0.18 * bump(3.5, 2.5) -
             0.30 * summer * bump(13.0, 2.5) + 0.12 * winter + 0.10 * noise;
    out[t] = std::max(0.05, out[t]);
  }
  const double mean = std::accumulate(out.begin(), out.end(), 0.0) / static_cast<double>(out.size());
  for (double& v : out) v *= site.mean_eur_per_mwh / mean;
  return out;
}

}  // namespace silkgrid::weather
