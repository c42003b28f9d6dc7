// Solar PV: clear-sky irradiance from the sun's position, dimmed by an autocorrelated
// cloudiness process (a day-to-day and an hour-to-hour AR(1) in a latent Gaussian, more
// clouds in winter), through the Kasten–Czeplak clear-sky index k = 1 − 0.75·c^3.4.
// Output per unit = min(1, gain · GHI · k / 1000 W/m²); the gain (array orientation,
// DC/AC ratio) is calibrated so that the mean matches the target capacity factor.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "weather/generate.hpp"
#include "weather/random.hpp"
#include "weather/sun.hpp"

namespace silkgrid::weather {

std::vector<double> solar_profile(const model::SolarSite& site, const Calendar& cal, std::uint64_t seed,
                                  const std::string& key) {
  const std::size_t n = cal.size();
  Random rng(stream_seed(seed, "solar:" + site.name));
  std::vector<double> irradiance(n);  // all-sky GHI in kW/m²
  const double daily_phi = 0.6, hourly_phi = std::exp(-1.0 / 6.0);
  double daily = rng.normal(), hourly = rng.normal();
  int last_day = cal.day_of_year.empty() ? 0 : cal.day_of_year[0];
  for (std::size_t t = 0; t < n; ++t) {
    if (cal.day_of_year[t] != last_day) {
      daily = daily_phi * daily + std::sqrt(1 - daily_phi * daily_phi) * rng.normal();
      last_day = cal.day_of_year[t];
    }
    hourly = hourly_phi * hourly + std::sqrt(1 - hourly_phi * hourly_phi) * rng.normal();
    // Clouds: more in winter (cos of the season: +1 in mid-winter), less at low latitudes.
    const double winter = std::cos(2 * M_PI * (cal.day_of_year[t] - 15) / 365.0);
    const double latent = 0.8 * daily + 0.6 * hourly + 0.5 * winter - 0.6 - (45.0 - std::abs(site.lat)) / 30.0;
    const double cloud = normal_cdf(latent);
    const double clear_index = 1.0 - 0.75 * std::pow(cloud, 3.4);
    const double cosz = cos_zenith(site.lat, site.lon, cal.day_of_year[t], cal.hour_utc[t]);
    // Below 0.1 W/m² (sun at the horizon) there is no output: no denormal-sized values.
    const double ghi = clear_sky_ghi(cosz) * clear_index;
    irradiance[t] = ghi < 0.1 ? 0.0 : ghi / 1000.0;
  }
  const auto mean_output = [&](double gain) {
    double sum = 0;
    for (double g : irradiance) sum += std::min(1.0, gain * g);
    return sum / static_cast<double>(n);
  };
  double gain = 0;
  if (!solve_increasing(mean_output, site.capacity_factor, 0.0, 20.0, 1e-7, gain))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, key},
                      fmt::format("a solar capacity factor of {} cannot be reached at latitude {} (at most {:.3f})",
                                  site.capacity_factor, site.lat, mean_output(20.0)));
  std::vector<double> out(n);
  for (std::size_t t = 0; t < n; ++t) out[t] = std::min(1.0, gain * irradiance[t]);
  return out;
}

}  // namespace silkgrid::weather
