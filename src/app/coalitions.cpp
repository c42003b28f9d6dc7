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

CoalitionsOutput coalitions(const StudyOptions& options, const CoalitionsOptions& game, core::Logger& log, core::Cancel& cancel) {
  using appraise::Mask;
  const auto start = std::chrono::steady_clock::now();
  const Prepared p = prepare(options, log, cancel);
  const model::Study& study = p.study;
  CoalitionsOutput o;
  for (const auto& c : study.regions.country)
    if (std::find(o.countries.begin(), o.countries.end(), c) == o.countries.end()) o.countries.push_back(c);
  if (!game.countries.empty()) {
    for (const auto& c : game.countries)
      if (std::find(o.countries.begin(), o.countries.end(), c) == o.countries.end())
        throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--countries"},
                          fmt::format("'{}' is not a country of the study (its countries: {})", c, fmt::join(o.countries, ", ")));
    o.countries = game.countries;
    std::sort(o.countries.begin(), o.countries.end());
    if (std::adjacent_find(o.countries.begin(), o.countries.end()) != o.countries.end())
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--countries"}, "names a country twice");
  }
  const int n = static_cast<int>(o.countries.size());
  if (n < 2 || n > appraise::max_players)
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--countries"},
                      fmt::format("expected 2 to {} countries, got {}", appraise::max_players, n));
  if (game.samples < 0 || game.samples > 1000000)
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--samples"},
                      fmt::format("expected 1 to 1000000 orders, got {}", game.samples));
  // Exact over the 2^n coalitions up to 10 players unless sampling is asked for; sampled beyond.
  o.sampled = game.samples > 0 || n > 10;
  o.samples = o.sampled ? (game.samples > 0 ? game.samples : 1000) : 0;
  o.out = options.out.empty() ? "results/" + safe_folder_name(study_label(study)) + "-coalitions" : options.out;
  std::optional<io::OutputDir> dir;
  if (!options.ranks || options.ranks->root()) dir.emplace(o.out);

  const Mask all = (Mask{1} << n) - 1;
  std::vector<std::vector<int>> orders;
  std::vector<Mask> masks{0};  // nobody cooperating, then every coalition of two or more needed
  if (o.sampled) {
    orders = appraise::sample_orders(n, o.samples, game.seed);
    for (Mask S : appraise::coalitions_of(orders)) masks.push_back(S);
  } else {
    for (Mask S = 1; S <= all; ++S)
      if (std::popcount(S) >= 2) masks.push_back(S);
  }
  log.info("{} countries: {} solves ({}, and nobody cooperating)", n, masks.size(),
           o.sampled ? fmt::format("the coalitions of {} sampled orders", o.samples) : "every coalition of two or more");
  std::vector<double> cost(masks.size(), 0.0);
  formulate::SolveStudyOptions solve = p.solve;
  solve.ranks = nullptr;
  solve.solver.progress = false;
  solve.write_lp.clear();
  std::atomic<int> done{0};
  appraise::distributed_runs(
      masks.size(), game.threads, &cancel, options.ranks,
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
  for (std::size_t i = 1; i < masks.size(); ++i) o.value_eur[masks[i]] = cost[0] - cost[i];
  o.grand_value_eur = o.value_eur.count(all) ? o.value_eur.at(all) : 0.0;
  if (o.sampled) {
    const auto e = appraise::shapley_sampled([&](Mask S) { return o.value_eur.at(S); }, n, orders);
    o.shapley_eur = e.value;
    o.shapley_standard_error_eur = e.standard_error;
    o.violations = appraise::core_violations(o.value_eur, n, o.shapley_eur, o.grand_value_eur);
  } else {
    std::vector<double> v(static_cast<std::size_t>(all) + 1, 0.0);
    for (const auto& [S, x] : o.value_eur) v[static_cast<std::size_t>(S)] = x;
    o.shapley_eur = appraise::shapley(v, n);
    o.shapley_standard_error_eur.assign(static_cast<std::size_t>(n), 0.0);
    for (std::uint32_t S : appraise::core_violations(v, n, o.shapley_eur)) o.violations.push_back(S);
    const auto lc = appraise::least_core(v, n, log);
    o.least_core = true;
    o.least_core_epsilon_eur = lc.epsilon;
    o.least_core_eur = lc.allocation;
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!dir) return o;

  const auto members = [&](Mask S) {
    nlohmann::ordered_json m = nlohmann::ordered_json::array();
    for (int i = 0; i < n; ++i)
      if (S & (Mask{1} << i)) m.push_back(o.countries[static_cast<std::size_t>(i)]);
    return m;
  };
  const auto by_country = [&](const std::vector<double>& x) {
    nlohmann::ordered_json m = nlohmann::ordered_json::object();
    for (int i = 0; i < n; ++i) m[o.countries[static_cast<std::size_t>(i)]] = x[static_cast<std::size_t>(i)];
    return m;
  };
  nlohmann::ordered_json j;
  j["study"] = study.settings.name;
  j["countries"] = o.countries;
  j["method"] = o.sampled ? "sampled" : "exact";
  if (o.sampled) {
    j["samples"] = o.samples;
    j["sample_seed"] = game.seed;
  }
  j["cost_nobody_cooperates_eur"] = cost[0];
  j["values"] = nlohmann::ordered_json::array();
  for (const auto& [S, x] : o.value_eur) j["values"].push_back({{"members", members(S)}, {"value_eur", x}});
  j["shapley_eur"] = by_country(o.shapley_eur);
  j["shapley_standard_error_eur"] = by_country(o.shapley_standard_error_eur);
  // Sampled: the core is checked over the coalitions solved only, so "true" means no violation found.
  j["in_core"] = o.violations.empty();
  j["core_checked_over"] = o.sampled ? "the coalitions solved" : "every coalition";
  j["violations"] = nlohmann::ordered_json::array();
  for (Mask S : o.violations) {
    double got = 0;
    for (int i = 0; i < n; ++i)
      if (S & (Mask{1} << i)) got += o.shapley_eur[static_cast<std::size_t>(i)];
    j["violations"].push_back({{"members", members(S)}, {"value_eur", o.value_eur.at(S)}, {"shapley_sum_eur", got}});
  }
  if (o.least_core)
    j["least_core"] = {{"epsilon_eur", o.least_core_epsilon_eur}, {"allocation_eur", by_country(o.least_core_eur)}};
  else
    j["least_core"] = nullptr;  // needs every coalition
  io::write_file_atomically(dir->staging() / "coalitions.json", j.dump(2) + "\n");
  cancel.throw_if_requested("before the results were moved into place");
  dir->commit();
  return o;
}

}  // namespace silkgrid::app
