#include "app/ensemble.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <cmath>

#include "appraise/appraise.hpp"
#include "appraise/parallel.hpp"
#include "core/error.hpp"
#include "decompose/benders.hpp"
#include "finance/structure.hpp"
#include "io/capacities_reader.hpp"
#include "io/ensemble_writer.hpp"
#include "io/output_dir.hpp"
#include "io/results_writer.hpp"
#include "report/html.hpp"
#include "reliability/outages.hpp"

namespace silkgrid::app {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The week (168 snapshots of an hourly year; fewer at a coarser step) with the most unserved
// energy, else with the highest mean system price.
void critical_week(const model::Study& s, const model::Results& r, EnsembleYear& y) {
  const std::size_t T = s.snapshots();
  const std::size_t span = std::max<std::size_t>(1, std::min<std::size_t>(T, static_cast<std::size_t>(std::lround(168.0 / std::max(1e-9, s.time.weights[0])))));
  std::vector<double> unserved(T, 0.0), load(T, 0.0), price(T, 0.0), renewable(T, 0.0);
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t i = 0; i < s.regions.size(); ++i) {
      unserved[t] += r.region_unserved(i, t);
      load[t] += r.region_load(i, t);
      price[t] += r.region_load(i, t) * r.region_price(i, t);
    }
    price[t] = load[t] > 0 ? price[t] / load[t] : 0.0;
    for (std::size_t g = 0; g < s.generators.size(); ++g) {
      const std::string& carrier = s.carriers.name[static_cast<std::size_t>(s.generators.carrier[g])];
      if (carrier == "wind" || carrier == "solar") renewable[t] += r.generator_p(g, t);
    }
  }
  double best = -1, best_price = -1;
  for (std::size_t start = 0; start + span <= T; start += span) {
    double u = 0, p = 0;
    for (std::size_t t = start; t < start + span; ++t) u += unserved[t], p += price[t];
    if (u > best + 1e-9 || (std::abs(u - best) <= 1e-9 && p > best_price)) best = u, best_price = p, y.week_start = start;
  }
  for (std::size_t t = y.week_start; t < std::min(T, y.week_start + span); ++t) {
    y.week_time.push_back(s.time.timestamps[t]);
    y.week_load.push_back(load[t]);
    y.week_unserved.push_back(unserved[t]);
    y.week_wind_solar.push_back(renewable[t]);
    y.week_price.push_back(price[t]);
  }
}

void put_year(const EnsembleYear& y, core::Writer& w) {
  w.put<std::uint64_t>(y.seed);
  w.put<double>(y.seconds);
  w.put<std::uint64_t>(y.figures.size());
  for (const auto& f : y.figures) {
    w.put(f.scope);
    w.put(f.name);
    w.put(f.quantity);
    w.put<double>(f.value);
  }
  w.put<std::uint64_t>(y.week_start);
  w.put<std::uint64_t>(y.week_time.size());
  for (const auto& t : y.week_time) w.put(t);
  w.put(y.week_load);
  w.put(y.week_unserved);
  w.put(y.week_wind_solar);
  w.put(y.week_price);
}

void get_year(EnsembleYear& y, core::Reader& r) {
  y.seed = r.get<std::uint64_t>();
  y.seconds = r.get<double>();
  const auto n = r.get<std::uint64_t>();
  y.figures.clear();
  for (std::uint64_t i = 0; i < n; ++i) {
    reliability::Figure f;
    f.scope = r.get_string();
    f.name = r.get_string();
    f.quantity = r.get_string();
    f.value = r.get<double>();
    y.figures.push_back(std::move(f));
  }
  y.week_start = r.get<std::uint64_t>();
  const auto m = r.get<std::uint64_t>();
  y.week_time.clear();
  for (std::uint64_t i = 0; i < m; ++i) y.week_time.push_back(r.get_string());
  y.week_load = r.get_doubles();
  y.week_unserved = r.get_doubles();
  y.week_wind_solar = r.get_doubles();
  y.week_price = r.get_doubles();
}

}  // namespace

EnsembleOutput ensemble(const EnsembleOptions& options, core::Logger& log, core::Cancel& cancel) {
  if (!(options.years >= 1 && options.years <= 10000))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--years"},
                      fmt::format("expected a number of years from 1 to 10000, got {}", options.years));
  EnsembleOutput e;
  e.prepared = prepare(options.study, log, cancel);
  const model::Study& base = e.prepared.study;
  e.out = options.study.out.empty() ? "results/" + safe_folder_name(study_label(base)) + "-ensemble" : options.study.out;
  std::optional<io::OutputDir> dir;
  if (!options.study.ranks || options.study.ranks->root()) dir.emplace(e.out);  // rank 0 writes

  // The capacities: a run's result folder, else the study's build-out solved once.
  // The plan's own run is written into the folder too (a result folder: `report` draws it, with
  // the ensemble): the build-out solved, or the study's weather year dispatched at the given
  // capacities.
  const auto plan_start = std::chrono::steady_clock::now();
  model::Study plan_study = base;
  model::Results plan;
  if (!options.capacities.empty()) {
    e.capacities = io::read_capacities(options.capacities, base);
    e.capacities_from = options.capacities;
    log.info("capacities from {}/capacities.csv; dispatching the study's weather year at them first", options.capacities);
    reliability::fix_capacities(plan_study, e.capacities);
  } else {
    log.info("solving the study's build-out first (its weather year, seed {})", base.weather.seed);
    e.capacities_from = "solved";
  }
  plan = decompose::solve(plan_study, e.prepared.solve, log);
  if (plan.status != "optimal")
    throw core::Error(core::ErrorKind::solver, fmt::format("the study's plan has no optimum: {}", plan.status));
  if (options.capacities.empty()) e.capacities = reliability::capacities_of(base, plan);
  e.plan_s = seconds_since(plan_start);

  e.seed = options.study.seed ? *options.study.seed : base.weather.present ? base.weather.seed : 1;
  const auto path = e.prepared.path;
  const auto mode = e.prepared.finance.mode;
  e.years.resize(static_cast<std::size_t>(options.years));
  for (std::size_t k = 0; k < e.years.size(); ++k) {
    e.years[k].index = k;
    e.years[k].seed = reliability::year_seed(e.seed, k);
  }
  log.info("{} weather years{}, {} at a time{}", options.years, options.outages ? " with forced outages" : "",
           options.threads > 0 ? std::to_string(options.threads) : std::string("one per core"),
           options.study.ranks && options.study.ranks->distributed()
               ? fmt::format(" in each of {} processes", options.study.ranks->size())
               : std::string());
  const auto years_start = std::chrono::steady_clock::now();
  std::atomic<int> done{0};
  const auto body = [&](std::size_t k) {
    const auto start = std::chrono::steady_clock::now();
    EnsembleYear& y = e.years[k];
    core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
    LoadOptions load = load_options(options.study);
    load.seed = y.seed;
    load.weather_years = 1;  // each ensemble year is one weather year, whatever the plan spanned
    model::Study s = base.weather.present ? app::load(path, quiet, load) : base;
    s.solver = base.solver;
    s.solver.threads = 1;  // the years are the parallel work
    reliability::fix_capacities(s, e.capacities);
    reliability::apply(s, reliability::draw(s, y.seed, options.outages));
    formulate::SolveStudyOptions solve = e.prepared.solve;
    solve.ranks = nullptr;
    solve.write_lp.clear();
    solve.solver.progress = false;
    solve.candidates.reset();
    const model::Results r = decompose::solve(s, solve, quiet);
    if (r.status != "optimal")
      throw core::Error(core::ErrorKind::solver, fmt::format("weather year {} (seed {}) has no optimum: {}", k, y.seed, r.status));
    const auto finance = finance::project_finance(s, mode);
    y.figures = reliability::year_figures(s, r, appraise::appraise_projects(s, finance, r));
    critical_week(s, r, y);
    y.seconds = seconds_since(start);
    const int n = ++done;
    log.progress("ensemble: {} of {} years", n, options.years);
  };
  appraise::distributed_runs(
      e.years.size(), options.threads, &cancel, options.study.ranks, body,
      [&](std::size_t k, core::Writer& w) { put_year(e.years[k], w); },
      [&](std::size_t k, core::Reader& r) { get_year(e.years[k], r); });
  e.years_s = seconds_since(years_start);
  log.info("{} years in {:.1f} s ({:.1f} years a minute)", options.years, e.years_s,
           e.years_s > 0 ? 60.0 * options.years / e.years_s : 0.0);
  if (!dir) return e;
  io::EnsembleInfo info{e.seed, options.outages, e.capacities_from, finance::to_string(mode)};
  std::vector<io::EnsembleYearRecord> records;
  for (const auto& y : e.years)
    records.push_back({y.index, y.seed, &y.figures, y.week_start, &y.week_time, &y.week_load, &y.week_unserved,
                       &y.week_wind_solar, &y.week_price});
  io::write_results(dir->staging().string(), plan_study, plan, log);
  io::write_ensemble(dir->staging().string(), base, e.capacities, info, records);
  cancel.throw_if_requested("before the results were moved into place");
  dir->commit();
  if (options.study.report) log.info("report: {}", report::write_report(e.out));
  return e;
}

}  // namespace silkgrid::app
