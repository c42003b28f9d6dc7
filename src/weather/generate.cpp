#include "weather/generate.hpp"

#include "weather/synoptic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace silkgrid::weather {

namespace {
ProfileSummary summarise(const std::string& name, const char* kind, const std::vector<double>& v, double target,
                         double achieved, double long_run, double peak_target = 0) {
  ProfileSummary s;
  s.name = name;
  s.kind = kind;
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  s.max = *std::max_element(v.begin(), v.end());
  s.min = *std::min_element(v.begin(), v.end());
  s.target = target;
  s.achieved = achieved;
  s.long_run = long_run;
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
  const SynopticState state(spec.seed, spec.correlation_length_km, cal.size());
  for (std::size_t i = 0; i < spec.solar.size(); ++i) {
    const auto& site = spec.solar[i];
    double long_run = 0;
    const auto& v = add(site.name, solar_profile(site, spec, state, cal, fmt::format("weather.solar[{}].capacity_factor", i),
                                                 long_run));
    const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    out.summary.push_back(summarise(site.name, "solar", v, site.capacity_factor, mean, long_run));
  }
  if (!spec.wind.empty()) {
    auto columns = wind_profiles(spec.wind, spec, state, cal);
    for (std::size_t i = 0; i < spec.wind.size(); ++i) {
      const auto& v = add(spec.wind[i].name, std::move(columns[i].values));
      const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
      out.summary.push_back(summarise(spec.wind[i].name, "wind", v, spec.wind[i].capacity_factor, mean, columns[i].long_run));
    }
  }
  for (std::size_t i = 0; i < spec.load.size(); ++i) {
    const auto& site = spec.load[i];
    double long_run = 0;
    const auto& v = add(site.name, load_profile(site, spec, state, cal, fmt::format("weather.load[{}]", i), long_run));
    const double twh = std::accumulate(v.begin(), v.end(), 0.0) / 1e6 * (8760.0 / static_cast<double>(v.size()));
    out.summary.push_back(summarise(site.name, "load", v, site.annual_twh, twh, long_run, site.peak_mw));
  }
  for (std::size_t i = 0; i < spec.hydro.size(); ++i) {
    const auto& site = spec.hydro[i];
    const auto& v = add(site.name, hydro_profile(site, cal, fmt::format("weather.hydro[{}]", i)));
    const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    out.summary.push_back(summarise(site.name, "hydro", v, site.capacity_factor, mean, site.capacity_factor));
  }
  for (const auto& site : spec.price) {
    const auto& v = add(site.name, price_profile(site, cal, spec.seed));
    const auto mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    out.summary.push_back(summarise(site.name, "price", v, site.mean_eur_per_mwh, mean, site.mean_eur_per_mwh));
  }
  return out;
}

}  // namespace silkgrid::weather
