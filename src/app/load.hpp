#pragma once
// Loading a study of any kind with the command line's options, as one pipeline:
//
//   io::read_study (YAML + CSV, its weather and resolution) or io::read_pypsa_folder
//     → the weather seed (a warning where the study has no generated weather)
//     → the time step (resampling to --resolution hours: weights summed, series averaged)
//     → model::validate
//
// Every subcommand that reads a study goes through app::load, so that --resolution, --seed
// and --strict mean the same for a study file and a PyPSA folder.
#include <cstdint>
#include <optional>
#include <string>

#include "core/logger.hpp"
#include "model/study.hpp"

namespace silkgrid::app {

struct LoadOptions {
  bool strict = false;                     // unknown keys (YAML) or attributes (PyPSA) are errors
  std::optional<std::uint64_t> seed;       // the weather year; a warning where there is no weather
  std::optional<double> resolution_hours;  // snapshot length; 0 = as the series (no resampling)
};

// `path` is a study file, a folder holding study.yaml, a PyPSA CSV folder or a built-in study
// ("<builtin>/demo/study.yaml"). The result is validated.
model::Study load(const std::string& path, core::Logger& log, const LoadOptions& options = {});

// The time step: snapshots of `hours` each, made of whole blocks of the study's snapshots
// (weights summed: objective, store and generator weightings alike; series averaged with their
// weights). The study must be on a regular step that divides `hours`, with a whole number of
// blocks; otherwise a core::Error(input) naming `file` (the snapshots' file) and `key`.
void resample_to_hours(model::Study& study, double hours, const std::string& file, const std::string& key);

}  // namespace silkgrid::app
