#pragma once
// Reading a study: study.yaml plus its time-series CSV (README, "Study format").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/logger.hpp"
#include "model/study.hpp"
#include "model/weather_spec.hpp"

namespace silkgrid::io {

struct ReadOptions {
  bool strict = false;                          // unknown keys are errors rather than warnings
  std::optional<std::uint64_t> seed;            // replaces weather.seed (a weather year)
  std::string scenario;                         // applies the study's scenario overlay of this name (README, "Scenarios")
  // Makes the profiles of a weather section (app::load passes weather::generate's); a study
  // with a weather section read without one is an internal error.
  model::WeatherGenerator generate_weather;
};

// `path` is a study file, a folder holding study.yaml, or a built-in study
// ("<builtin>/demo/study.yaml"). The result is validated, at the study's own step
// (snapshot_hours; a weather study: the generated year's hours): study.resolution_hours is
// checked (a whole multiple of snapshot_hours, naming its line) and kept in
// settings.resolution_hours, but the averaging into blocks is app::load's time step
// (app::time_step), as for a PyPSA folder (read here unresampled too).
model::Study read_study(const std::string& path, core::Logger& log, const ReadOptions& options = {});

// Loads a file named relative to the study file; throws core::Error(input) when missing.
using FileLoader = std::function<std::string(const std::string& relative_path)>;

// Parses study YAML held in memory; `file` names it in messages.
model::Study read_study_text(std::string_view yaml, const std::string& file, const FileLoader& load,
                             core::Logger& log, const ReadOptions& options = {});

}  // namespace silkgrid::io
