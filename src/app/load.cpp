#include "app/load.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "io/pypsa_reader.hpp"
#include "io/study_reader.hpp"
#include "model/validate.hpp"
#include "weather/generate.hpp"

namespace silkgrid::app {

using core::Context;
using core::Error;
using core::ErrorKind;

void resample_to_hours(model::Study& study, double hours, const std::string& file, const std::string& key) {
  core::TimeAxis& time = study.time;
  const std::size_t n = time.size();
  if (n == 0) return;
  const double step = time.weights.front();
  const Context at{file, 0, 0, key};
  for (std::size_t t = 0; t < n; ++t) {
    if (std::abs(time.weights[t] - step) > 1e-9 * std::max(1.0, step))
      throw Error(ErrorKind::input, at,
                  fmt::format("cannot resample to {:g} h: the snapshots are not on a regular step (snapshot '{}' has a "
                              "weighting of {:g} h, '{}' one of {:g} h)",
                              hours, time.timestamps[t], time.weights[t], time.timestamps.front(), step));
    if (t == 0) continue;
    const auto previous = core::iso_timestamp_hours(time.timestamps[t - 1]);
    const auto current = core::iso_timestamp_hours(time.timestamps[t]);
    if (previous && current && std::abs(*current - *previous - step) > 1e-6 * std::max(1.0, step))
      throw Error(ErrorKind::input, at,
                  fmt::format("cannot resample to {:g} h: the snapshots are not on a regular step ('{}' follows '{}' "
                              "after {:g} h, but the snapshots are {:g} h each)",
                              hours, time.timestamps[t], time.timestamps[t - 1], *current - *previous, step));
  }
  if (std::abs(hours - step) <= 1e-9 * std::max(1.0, step)) return;
  const double ratio = hours / step;
  if (!(ratio >= 1 && ratio <= 1e7) || std::abs(ratio - std::round(ratio)) > 1e-9)
    throw Error(ErrorKind::input, at,
                fmt::format("cannot resample to {:g} h: expected a whole multiple of the snapshots' step ({:g} h)", hours, step));
  const auto block = static_cast<std::size_t>(std::llround(ratio));
  if (n % block != 0)
    throw Error(ErrorKind::input, at,
                fmt::format("cannot resample to {:g} h: {} snapshots of {:g} h are not a whole number of blocks of {} "
                            "snapshots",
                            hours, n, step, block));
  model::resample(time, study.series, block);
}

model::WeatherGenerator weather_generator() {
  return [](const model::WeatherSpec& spec, const std::string& start, std::size_t hours) {
    const weather::Calendar calendar = weather::hourly_calendar(start, hours);
    weather::Generated generated = weather::generate(spec, calendar);
    return model::GeneratedWeather{std::move(generated.names), std::move(generated.values), std::move(generated.summary),
                                   calendar.timestamps};
  };
}

model::Study load(const std::string& path, core::Logger& log, const LoadOptions& options) {
  if (!io::is_pypsa_folder(path)) {
    // The YAML reader generates the weather (seeded) and resamples while it reads: the
    // generated year is hourly and loads' annual_twh scale the resampled profiles.
    io::ReadOptions read;
    read.strict = options.strict;
    read.seed = options.seed;
    read.resolution_hours = options.resolution_hours;
    read.generate_weather = weather_generator();
    model::Study study = io::read_study(path, log, read);
    if (options.seed && !study.weather.present)
      log.warn("--seed has no effect: the study has no weather section (no generated profiles)");
    return study;
  }
  model::Study study = io::read_pypsa_folder(path, log, io::PyPsaReadOptions{options.strict});
  if (options.seed) log.warn("--seed has no effect: the network has no generated weather");
  if (options.resolution_hours && *options.resolution_hours > 0) {
    const std::string snapshots = (std::filesystem::path(path) / "snapshots.csv").string();
    resample_to_hours(study, *options.resolution_hours, snapshots, "--resolution");
    // The reader validated the network's own snapshots; averages stay within their bounds,
    // so this finds nothing new to warn about: quietly.
    core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
    model::validate(study, quiet);
  }
  return study;
}

}  // namespace silkgrid::app
