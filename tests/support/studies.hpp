#pragma once
// Helpers for tests: studies written inline as YAML (plus optional CSV), solved in memory.
#include <map>
#include <string>

#include "core/logger.hpp"
#include "formulate/build.hpp"
#include "io/study_reader.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::test {

// Reads `yaml` as the study file "test/study.yaml"; `files` maps relative names to contents.
// Then, as app::load does, the time step (app::time_step: study.resolution_hours).
model::Study study_from(const std::string& yaml, const std::map<std::string, std::string>& files = {},
                        std::string* log_text = nullptr);

// Solves `study` with its solver options, each asset priced under `capital` (a project's finance).
model::Results solve(const model::Study& study, const finance::AssetCapital& capital = {});

// Expects Σ countries' welfare (model/welfare.hpp) = −objective up to rounding (gtest
// EXPECT; test::solve checks it on every study it solves).
void expect_welfare_identity(const model::Study& study, const model::Results& results);

// Index of a named component in a name column.
std::size_t index_of(const std::vector<std::string>& names, const std::string& name);

// A unique empty temporary folder, removed by the caller if wanted.
std::string temp_dir(const std::string& prefix);

// Runs a shell command; returns its exit status, output (stdout+stderr) in *output.
int run_command(const std::string& command, std::string* output = nullptr);

}  // namespace silkgrid::test
