#include "app/load.hpp"
#include "support/studies.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "core/error.hpp"
#include "model/welfare.hpp"

#include <gtest/gtest.h>
#include <cmath>

namespace silkgrid::test {

model::Study study_from(const std::string& yaml, const std::map<std::string, std::string>& files,
                        std::string* log_text) {
  std::string sink;
  core::Logger log = core::capturing_logger(log_text ? *log_text : sink);
  const io::FileLoader loader = [&files](const std::string& name) {
    const auto it = files.find(name);
    if (it == files.end()) throw core::Error(core::ErrorKind::input, "no such file '" + name + "'");
    return it->second;
  };
  io::ReadOptions options;
  options.generate_weather = app::weather_generator();
  model::Study study = io::read_study_text(yaml, "test/study.yaml", loader, log, options);
  app::time_step(study, study.file, "study.resolution_hours");  // as app::load does
  return study;
}

model::Results solve(const model::Study& study, const finance::AssetCapital& capital) {
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::warning);
  formulate::SolveStudyOptions options;
  options.solver = formulate::solve_options(study.solver);
  options.capital = capital;
  model::Results results = formulate::solve_study(study, options, log);
  expect_welfare_identity(study, results);
  return results;
}

void expect_welfare_identity(const model::Study& study, const model::Results& results) {
  if (results.status != "optimal") return;
  const model::Welfare w = model::welfare_by_country(study, results);
  // Rounding: relative to the largest money flow that cancels (what consumers pay, the objective).
  double scale = std::max(1.0, std::abs(results.objective_eur));
  for (const auto& c : w.countries)
    scale = std::max({scale, std::abs(c.consumer_payment_eur), std::abs(c.producer_surplus_eur),
                      std::abs(c.congestion_rent_eur), std::abs(c.market_rent_eur), std::abs(c.policy_rent_eur)});
  EXPECT_NEAR(w.total_eur(), -results.objective_eur, 1e-6 * scale)
      << "welfare identity: Σ countries' welfare = −objective (study '" << study.settings.name << "')";
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw std::runtime_error("no component named " + name);
  return static_cast<std::size_t>(it - names.begin());
}

std::string temp_dir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

int run_command(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buffer{};
  std::string text;
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  const int status = pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace silkgrid::test
