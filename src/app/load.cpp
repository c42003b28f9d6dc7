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

void time_step(model::Study& study, const std::string& file, const std::string& key) {
  const double hours = study.settings.resolution_hours;
  if (!(hours > 0)) return;  // as the series
  if (study.settings.from_pypsa) {
    resample_to_hours(study, hours, file, key);
  } else {
    // A study file's snapshots are regular by construction (snapshot_hours each; a weather
    // study's the generated year's hours); a last block may be shorter, as model::resample says.
    const double step = study.settings.snapshot_hours;
    if (hours == step) return;
    if (!model::whole_multiple(hours, step))
      throw Error(ErrorKind::input, Context{file, 0, 0, key},
                  fmt::format("expected a whole multiple of snapshot_hours ({} h), got {} h", step, hours));
    model::resample(study.time, study.series, static_cast<std::size_t>(std::llround(hours / step)));
  }
  // The reader validated the study at its own step; averages stay within their bounds, so
  // this finds nothing new to warn about: quietly.
  core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  model::validate(study, quiet);
}

namespace {
// `years` weather years (seeds s, s + 1, …) one after the other, each snapshot weighing 1/years
// of its hour: one build-out over them all with equal weight (README, "Plans over several
// weather years"). The year at seed s is `study`; the others are read again at their seeds.
void stack_weather_years(model::Study& study, const std::string& path, io::ReadOptions read, int years, core::Logger& log) {
  if (!study.weather.present)
    throw Error(ErrorKind::input, Context{study.file, 0, 0, "--weather-years"},
                "expected a study with a weather section: other weather years are other seeds of its generator");
  if (!(years >= 1 && years <= 100))
    throw Error(ErrorKind::input, Context{study.file, 0, 0, "--weather-years"},
                fmt::format("expected 1 to 100 weather years, got {}", years));
  const std::uint64_t seed = study.weather.seed;
  const std::size_t hours = study.snapshots();
  core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  for (int k = 1; k < years; ++k) {
    read.seed = seed + static_cast<std::uint64_t>(k);
    const model::Study other = io::read_study(path, quiet, read);
    for (std::size_t c = 0; c < study.series.names.size(); ++c) {
      const auto& more = other.series.values[c];
      study.series.values[c].insert(study.series.values[c].end(), more.begin(), more.end());
    }
  }
  study.time = core::regular_time_axis(study.settings.start, hours * static_cast<std::size_t>(years), study.settings.snapshot_hours);
  // The objective and the yearly limits weigh each year 1/years; a storage level still moves
  // by the real hours (PyPSA's separate store weightings).
  study.time.store_weights = study.time.weights;
  for (auto& w : study.time.weights) w /= years;
  study.weather_years = years;
  log.info("{} weather years (seeds {} to {}), each of weight 1/{}: {} snapshots", years, seed, seed + years - 1, years,
           study.snapshots());
}
}  // namespace

model::Study load(const std::string& path, core::Logger& log, const LoadOptions& options) {
  model::Study study;
  std::string snapshots_file;  // what the time step's errors name
  if (!io::is_pypsa_folder(path)) {
    // The YAML reader generates the weather (seeded) and returns the study at its own step
    // (a weather study: hourly); loads' annual_twh have scaled those profiles.
    io::ReadOptions read;
    read.strict = options.strict;
    read.seed = options.seed;
    read.scenario = options.scenario;
    read.generate_weather = weather_generator();
    study = io::read_study(path, log, read);
    if (options.seed && !study.weather.present)
      log.warn("--seed has no effect: the study has no weather section (no generated profiles)");
    snapshots_file = study.file;
    const int years = options.weather_years ? *options.weather_years : study.weather_years;
    if (years > 1) stack_weather_years(study, path, read, years, log);
  } else {
    if (!options.scenario.empty())
      throw Error(ErrorKind::input, Context{path, 0, 0, "--scenario"},
                  "a PyPSA network has no scenarios (a study file's 'scenarios' mapping); convert it or run it as it is");
    study = io::read_pypsa_folder(path, log, io::PyPsaReadOptions{options.strict});
    if (options.seed) log.warn("--seed has no effect: the network has no generated weather");
    study.settings.resolution_hours = 0.0;  // a network has no resolution of its own
    snapshots_file = (std::filesystem::path(path) / "snapshots.csv").string();
  }
  // The time step, one for both kinds: --resolution replaces the study's resolution_hours
  // (which the reader checked, naming its line); 0 keeps the study's own snapshots.
  std::string key = "study.resolution_hours";
  if (options.resolution_hours) {
    study.settings.resolution_hours = *options.resolution_hours;
    key = "--resolution";
  }
  time_step(study, snapshots_file, key);
  if (options.segments && *options.segments < study.snapshots()) {
    const std::size_t before = study.snapshots();
    model::resample_blocks(study.time, study.series, model::segment_firsts(study.time, study.series, *options.segments));
    core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
    model::validate(study, quiet);
    log.info("aggregated {} snapshots into {} segments of variable length", before, study.snapshots());
  }
  return study;
}

}  // namespace silkgrid::app
