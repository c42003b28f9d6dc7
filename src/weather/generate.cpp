#include "weather/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace silkgrid::weather {

namespace {
ProfileSummary summarise(const std::string& name, const char* kind, const std::vector<double>& v, double target,
                         double achieved, double peak_target = 0) {
  ProfileSummary s;
  s.name = name;
  s.kind = kind;
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  s.max = *std::max_element(v.begin(), v.end());
  s.min = *std::min_element(v.begin(), v.end());
  s.target = target;
  s.achieved = achieved;
  s.peak_target = peak_target;
  return s;
}
}  // namespace

Generated generate(const model::WeatherSpec& spec, const Calendar& cal) {
  Generated out;
  auto add = [&](const std::string& name, std::vector<double> values) -> const std::vector<double>& {
    out.names.push_back(name);
    out.values.push_back(std::move(values));
    return out.values.back();
  };
  for (std::size_t i = 0; i < spec.solar.size(); ++i) {
    const auto& site = spec.solar[i];
    const auto& v = add(site.name, solar_profile(site, cal, spec.seed, fmt::format("weather.solar[{}].capacity_factor", i)));
    const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    out.summary.push_back(summarise(site.name, "solar", v, site.capacity_factor, mean));
  }
  if (!spec.wind.empty()) {
    auto profiles = wind_profiles(spec.wind, spec.correlation_length_km, cal, spec.seed);
    for (std::size_t i = 0; i < spec.wind.size(); ++i) {
      const auto& v = add(spec.wind[i].name, std::move(profiles[i]));
      const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
      out.summary.push_back(summarise(spec.wind[i].name, "wind", v, spec.wind[i].capacity_factor, mean));
    }
  }
  for (std::size_t i = 0; i < spec.load.size(); ++i) {
    const auto& site = spec.load[i];
    const auto& v = add(site.name, load_profile(site, cal, spec.seed, fmt::format("weather.load[{}]", i)));
    const double twh = std::accumulate(v.begin(), v.end(), 0.0) / 1e6 * (8760.0 / static_cast<double>(v.size()));
    out.summary.push_back(summarise(site.name, "load", v, site.annual_twh, twh, site.peak_mw));
  }
  for (std::size_t i = 0; i < spec.hydro.size(); ++i) {
    const auto& site = spec.hydro[i];
    const auto& v = add(site.name, hydro_profile(site, cal, fmt::format("weather.hydro[{}]", i)));
    const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    out.summary.push_back(summarise(site.name, "hydro", v, site.capacity_factor, mean));
  }
  for (const auto& site : spec.price) {
    const auto& v = add(site.name, price_profile(site, cal, spec.seed));
    const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    out.summary.push_back(summarise(site.name, "price", v, site.mean_eur_per_mwh, mean));
  }
  return out;
}

}  // namespace silkgrid::weather
