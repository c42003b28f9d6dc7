#include "app/coalitions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "appraise/coalitions.hpp"
#include "appraise/parallel.hpp"
#include "core/error.hpp"
#include "decompose/benders.hpp"
#include "io/output_dir.hpp"

namespace silkgrid::app {

CoalitionsOutput coalitions(const StudyOptions& options, const std::vector<std::string>& countries, int threads,
                            core::Logger& log, core::Cancel& cancel) {
  const auto start = std::chrono::steady_clock::now();
  const Prepared p = prepare(options, log, cancel);
  const model::Study& study = p.study;
  CoalitionsOutput o;
  for (const auto& c : study.regions.country)
    if (std::find(o.countries.begin(), o.countries.end(), c) == o.countries.end()) o.countries.push_back(c);
  if (!countries.empty()) {
    for (const auto& c : countries)
      if (std::find(o.countries.begin(), o.countries.end(), c) == o.countries.end())
        throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--countries"},
                          fmt::format("'{}' is not a country of the study (its countries: {})", c, fmt::join(o.countries, ", ")));
    o.countries = countries;
    std::sort(o.countries.begin(), o.countries.end());
    if (std::adjacent_find(o.countries.begin(), o.countries.end()) != o.countries.end())
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--countries"}, "names a country twice");
  }
  const int n = static_cast<int>(o.countries.size());
  if (n < 2 || n > 10)
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--countries"},
                      fmt::format("expected 2 to 10 countries (the Shapley value is exact over 2^n coalitions), got {}", n));
  o.out = options.out.empty() ? "results/" + safe_folder_name(study.settings.name) + "-coalitions" : options.out;
  std::optional<io::OutputDir> dir;
  if (!options.ranks || options.ranks->root()) dir.emplace(o.out);

  // One solve for nobody cooperating, one for each coalition of two or more.
  std::vector<std::uint32_t> masks{0};
  for (std::uint32_t S = 1; S < (1u << n); ++S)
    if (std::popcount(S) >= 2) masks.push_back(S);
  log.info("{} countries: {} solves (every coalition of two or more, and nobody cooperating)", n, masks.size());
  std::vector<double> cost(masks.size(), 0.0);
  formulate::SolveStudyOptions solve = p.solve;
  solve.ranks = nullptr;
  solve.solver.progress = false;
  solve.write_lp.clear();
  std::atomic<int> done{0};
  appraise::distributed_runs(
      masks.size(), threads, &cancel, options.ranks,
      [&](std::size_t i) {
        core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
        model::Study s = appraise::coalition_study(study, o.countries, masks[i]);
        s.solver.threads = 1;
        const model::Results r = decompose::solve(s, solve, quiet);
        if (r.status != "optimal")
          throw core::Error(core::ErrorKind::solver, fmt::format("coalition {} has no optimum: {}", masks[i], r.status));
        cost[i] = r.objective_eur;
        log.progress("coalitions: {} of {}", ++done, masks.size());
      },
      [&](std::size_t i, core::Writer& w) { w.put<double>(cost[i]); },
      [&](std::size_t i, core::Reader& r) { cost[i] = r.get<double>(); });
  o.value_eur.assign(1u << n, 0.0);
  for (std::size_t i = 1; i < masks.size(); ++i) o.value_eur[masks[i]] = cost[0] - cost[i];
  o.shapley_eur = appraise::shapley(o.value_eur, n);
  o.violations = appraise::core_violations(o.value_eur, n, o.shapley_eur);
  const auto lc = appraise::least_core(o.value_eur, n, log);
  o.least_core_epsilon_eur = lc.epsilon;
  o.least_core_eur = lc.allocation;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!dir) return o;

  const auto members = [&](std::uint32_t S) {
    nlohmann::ordered_json m = nlohmann::ordered_json::array();
    for (int i = 0; i < n; ++i)
      if (S & (1u << i)) m.push_back(o.countries[static_cast<std::size_t>(i)]);
    return m;
  };
  nlohmann::ordered_json j;
  j["study"] = study.settings.name;
  j["countries"] = o.countries;
  j["cost_nobody_cooperates_eur"] = cost[0];
  j["values"] = nlohmann::ordered_json::array();
  for (std::uint32_t S = 1; S < (1u << n); ++S) j["values"].push_back({{"members", members(S)}, {"value_eur", o.value_eur[S]}});
  j["shapley_eur"] = nlohmann::ordered_json::object();
  for (int i = 0; i < n; ++i) j["shapley_eur"][o.countries[static_cast<std::size_t>(i)]] = o.shapley_eur[static_cast<std::size_t>(i)];
  j["in_core"] = o.violations.empty();
  j["violations"] = nlohmann::ordered_json::array();
  for (std::uint32_t S : o.violations) {
    double got = 0;
    for (int i = 0; i < n; ++i)
      if (S & (1u << i)) got += o.shapley_eur[static_cast<std::size_t>(i)];
    j["violations"].push_back({{"members", members(S)}, {"value_eur", o.value_eur[S]}, {"shapley_sum_eur", got}});
  }
  j["least_core"] = {{"epsilon_eur", o.least_core_epsilon_eur}, {"allocation_eur", nlohmann::ordered_json::object()}};
  for (int i = 0; i < n; ++i)
    j["least_core"]["allocation_eur"][o.countries[static_cast<std::size_t>(i)]] = o.least_core_eur[static_cast<std::size_t>(i)];
  io::write_file_atomically(dir->staging() / "coalitions.json", j.dump(2) + "\n");
  cancel.throw_if_requested("before the results were moved into place");
  dir->commit();
  return o;
}

}  // namespace silkgrid::app
