#include "app/pipelines.hpp"

#include "appraise/break_even.hpp"
#include "io/ensemble_reader.hpp"
#include "reliability/ensemble.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "core/error.hpp"
#include "decompose/benders.hpp"
#include "core/solver_method.hpp"
#include "io/appraisal_writer.hpp"
#include "io/builtin.hpp"
#include "io/output_dir.hpp"
#include "io/pypsa_reader.hpp"
#include "io/pypsa_writer.hpp"
#include "io/results_writer.hpp"
#include "model/decomposition.hpp"
#include "model/limits.hpp"
#include "report/data.hpp"
#include "report/html.hpp"

namespace silkgrid::app {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double parse_resolution(const std::string& text) {
  const auto hours = resolution_hours(text);
  if (!hours)
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--resolution"},
                      fmt::format("expected hours such as 1h or 3h, got '{}'", text));
  return *hours;
}

// Moves the results into place unless interrupted: an interrupted run leaves --out as it was.
void commit(io::OutputDir& dir, core::Cancel& cancel) {
  cancel.throw_if_requested("before the results were moved into place");
  dir.commit();
}

// Whether this process writes the results: one process, or rank 0 of a run over MPI.
bool writes(const StudyOptions& options) { return !options.ranks || options.ranks->root(); }

void maybe_report(const StudyOptions& options, const std::string& out, core::Logger& log) {
  if (!options.report) return;
  log.info("report: {}", report::write_report(out));
}

// The result folder of a subcommand on projects (--out, else results/<study>-<suffix>), after
// checking that the study has projects.
std::string projects_folder(const StudyOptions& options, const model::Study& study, const std::string& suffix,
                            const char* purpose) {
  if (study.projects.size() == 0)
    throw core::Error(core::ErrorKind::input, core::Context{study.file, 0, 0, "projects"},
                      fmt::format("the study has no projects {} (README, \"{}\")", suffix == "appraisal" ? "to appraise" : "to choose from",
                                  purpose));
  return options.out.empty() ? "results/" + safe_folder_name(study_label(study)) + "-" + suffix : options.out;
}

}  // namespace

std::optional<double> resolution_hours(const std::string& text) {
  std::string number = text;
  if (!number.empty() && (number.back() == 'h' || number.back() == 'H')) number.pop_back();
  char* end = nullptr;
  const double hours = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !(hours > 0 && hours <= model::limits::hours.max)) return std::nullopt;
  return hours;
}

std::optional<std::size_t> aggregate_segments(const std::string& text) {
  const std::string prefix = "segments:";
  if (text.rfind(prefix, 0) != 0 || text.size() == prefix.size() || text.size() > prefix.size() + 8) return std::nullopt;
  std::size_t n = 0;
  for (std::size_t i = prefix.size(); i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(text[i] - '0');
  }
  if (n < 1 || n > 10000000) return std::nullopt;
  return n;
}

LoadOptions load_options(const StudyOptions& options) {
  LoadOptions load;
  if (!options.aggregate.empty()) {
    load.segments = aggregate_segments(options.aggregate);
    if (!load.segments)
      throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--aggregate"},
                        fmt::format("expected segments:N with N from 1 to 10000000, got '{}'", options.aggregate));
  }
  load.strict = options.strict;
  load.seed = options.seed;
  load.scenario = options.scenario;
  load.weather_years = options.weather_years;
  if (options.resolution == "native") load.resolution_hours = 0.0;  // as the series (profiles' default)
  else if (!options.resolution.empty()) load.resolution_hours = parse_resolution(options.resolution);
  return load;
}

std::string resolve_study_path(const std::string& study) {
  if (study.empty()) return std::string(io::builtin_prefix) + std::string(io::default_study);
  if (study.rfind("builtin:", 0) == 0) return std::string(io::builtin_prefix) + study.substr(8) + "/study.yaml";
  return study;
}

std::string study_label(const model::Study& study) {
  return study.settings.scenario.empty() ? study.settings.name : study.settings.name + "-" + study.settings.scenario;
}

std::string safe_folder_name(std::string name) {
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_') ch = '_';
  if (name.empty() || name == "." || name == "..") name = "study";
  return name;
}

namespace {
// The decomposition options as the command line checks them (model/decomposition.hpp), for any
// other caller of prepare: a bad one is an input error naming its option, before the study is read.
std::optional<model::Decomposition> check_decomposition_options(const StudyOptions& options) {
  const auto bad = [](const char* option, const std::string& message) {
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, option}, message);
  };
  std::optional<model::Decomposition> decomposition;
  if (!options.decompose.empty()) {
    decomposition = model::parse_decomposition(options.decompose);
    if (!decomposition) bad("--decompose", fmt::format("expected auto, none or benders, got '{}'", options.decompose));
  }
  if (options.subperiod_hours && !model::valid_subperiod_hours(*options.subperiod_hours))
    bad("--subperiod-hours", fmt::format("expected hours in (0, {:g}], got {:g}", model::limits::hours.max,
                                         *options.subperiod_hours));
  if (options.gap && !model::valid_gap(*options.gap))
    bad("--gap", fmt::format("expected a relative gap in (0, 1), got {:g}", *options.gap));
  if (options.max_iterations && !model::valid_max_iterations(*options.max_iterations))
    bad("--max-iterations",
        fmt::format("expected a whole number 1 to {}, got {}", model::max_iterations_max, *options.max_iterations));
  if (options.stabilisation && !model::valid_stabilisation(*options.stabilisation))
    bad("--stabilisation", fmt::format("expected a number in [0, 1), got {:g}", *options.stabilisation));
  return decomposition;
}
}  // namespace

Prepared prepare(const StudyOptions& options, core::Logger& log, core::Cancel& cancel) {
  Prepared p;
  const auto start = std::chrono::steady_clock::now();
  const std::optional<model::Decomposition> decomposition = check_decomposition_options(options);
  p.path = resolve_study_path(options.study);
  log.info("reading {}", p.path);
  log.progress("reading {}", p.path);
  p.study = load(p.path, log, load_options(options));
  cancel.throw_if_requested("after reading the study");
  // Each asset of a project takes its project's cost of capital and grant: an input of every
  // build, the study stays as read.
  p.finance = finance::project_finance(p.study, finance::parse_finance_mode(options.finance));
  p.read_s = seconds_since(start);
  const auto& study = p.study;
  log.info("study '{}': {} regions, {} generators, {} links, {} storage, {} markets, {} policies, {} projects, {} snapshots",
           study.settings.name, study.regions.size(), study.generators.size(), study.links.size(), study.storage.size(),
           study.markets.size(), study.policies.size(), study.projects.size(), study.snapshots());
  if (std::abs(study.time.total_hours() - core::hours_per_year) > 1e-6)
    log.info("the snapshot weights sum to {} h, not 8760 h: annuities and t_per_year are still per year, as in PyPSA",
             study.time.total_hours());

  // The command line's decomposition options override the study's: later code reads study.solver.
  auto& solver = p.study.solver;
  if (decomposition) solver.decomposition = *decomposition;
  if (options.subperiod_hours) solver.subperiod_hours = *options.subperiod_hours;
  if (options.gap) solver.gap = *options.gap;
  if (options.max_iterations) solver.max_iterations = *options.max_iterations;
  if (options.stabilisation) solver.stabilisation = *options.stabilisation;
  if (options.threads) solver.threads = *options.threads;

  p.solve.solver = formulate::solve_options(study.solver);
  if (const auto method = core::parse_solver_method(options.method)) p.solve.solver.method = *method;
  if (!options.presolve.empty()) p.solve.solver.presolve = options.presolve == "on";
  if (options.time_limit_s >= 0) p.solve.solver.time_limit_s = options.time_limit_s;
  if (options.solver_log >= 0) p.solve.solver.log_level = options.solver_log;
  p.solve.write_lp = options.write_lp;
  p.solve.solver.progress = log.shows_progress();  // Clp's iterations on the status line
  p.solve.solver.cancel = &cancel;
  p.solve.capital = p.finance.assets;
  p.solve.ranks = options.ranks;
  return p;
}

RunOutput run(const StudyOptions& options, core::Logger& log, core::Cancel& cancel) {
  RunOutput r;
  r.prepared = prepare(options, log, cancel);
  const model::Study& study = r.prepared.study;
  // Refuse an unusable --out before spending time on the solve.
  r.out = options.out.empty() ? "results/" + safe_folder_name(study_label(study)) : options.out;
  std::optional<io::OutputDir> dir;
  if (writes(options)) dir.emplace(r.out);
  r.results = decompose::solve(study, r.prepared.solve, log);
  r.results.timings.read_s = r.prepared.read_s;
  // What it would take: the candidates' break-even reductions, from the reduced costs, or
  // verified by re-solving with --break-even.
  if (options.break_even) log.info("break-even: solving again for each candidate left at its lower bound");
  const auto candidates = appraise::break_even(study, r.prepared.finance, r.results, r.prepared.solve, options.break_even, log);
  if (!dir) return r;
  io::write_results(dir->staging().string(), study, r.results, log);
  io::write_candidates(dir->staging().string(), candidates);
  // A PyPSA network's results also the way PyPSA exports a solved network.
  if (io::is_pypsa_folder(r.prepared.path)) {
    io::PyPsaWriteOptions pypsa;
    pypsa.capital = r.prepared.solve.capital;
    io::write_pypsa_folder(dir->staging().string(), study, &r.results, log, pypsa);
  }
  commit(*dir, cancel);
  maybe_report(options, r.out, log);
  return r;
}

AppraiseOutput appraise(const StudyOptions& options, bool system_value, int threads, core::Logger& log,
                        core::Cancel& cancel, const std::string& ensemble) {
  AppraiseOutput a;
  // Read the ensemble first: a bad folder fails before any solve.
  std::optional<io::EnsembleYears> years;
  if (!ensemble.empty()) years = io::read_ensemble_years(ensemble);
  a.prepared = prepare(options, log, cancel);
  const model::Study& study = a.prepared.study;
  a.out = projects_folder(options, study, "appraisal", "Projects and climate finance");
  std::optional<io::OutputDir> dir;
  if (writes(options)) dir.emplace(a.out);
  model::Results results = decompose::solve(study, a.prepared.solve, log);
  results.timings.read_s = a.prepared.read_s;
  if (dir) {
    io::write_results(dir->staging().string(), study, results, log);
    io::write_candidates(dir->staging().string(),
                         appraise::break_even(study, a.prepared.finance, results, a.prepared.solve, false, log));
  }
  a.appraisals = appraise::appraise_projects(study, a.prepared.finance, results);
  if (years) {
    const std::string mode = finance::to_string(a.prepared.finance.mode);
    if (!years->finance.empty() && years->finance != mode)
      log.warn("the ensemble in {} appraised its projects under --finance {}, this appraisal is under {}: its DSCRs "
               "are the ensemble's",
               ensemble, years->finance, mode);
    for (auto& p : a.appraisals) {
      const auto it = years->projects.find(p.name);
      if (it == years->projects.end() || it->second.revenue_eur.empty()) {
        log.warn("project '{}' is not in the ensemble in {}: no P50/P90 for it", p.name, ensemble);
        continue;
      }
      const auto& y = it->second;
      model::EnsembleRisk r;
      r.years = y.revenue_eur.size();
      r.ensemble = ensemble;
      r.p50_energy_mwh = reliability::percentile(y.energy_mwh, 0.5);
      r.p90_energy_mwh = reliability::percentile(y.energy_mwh, 0.1);  // exceeded in 90 % of years
      r.p50_revenue_eur = reliability::percentile(y.revenue_eur, 0.5);
      r.p90_revenue_eur = reliability::percentile(y.revenue_eur, 0.1);
      if (!y.dscr_min.empty()) {
        const auto below = [&](double x) {
          return static_cast<double>(std::count_if(y.dscr_min.begin(), y.dscr_min.end(), [x](double v) { return v < x; })) /
                 static_cast<double>(y.dscr_min.size());
        };
        r.dscr_p50 = reliability::percentile(y.dscr_min, 0.5);
        r.dscr_at_p90 = reliability::percentile(y.dscr_min, 0.1);
        r.probability_dscr_below_1_2 = below(1.2);
        r.probability_dscr_below_1_0 = below(1.0);
      }
      p.risk = r;
    }
  }
  if (system_value) {
    log.info("system value: {} runs without one project each, {} at a time", a.appraisals.size(),
             threads > 0 ? std::to_string(threads) : std::string("as many as there are cores"));
    const auto start = std::chrono::steady_clock::now();
    appraise::add_system_values(study, a.prepared.finance, results.objective_eur, a.appraisals, a.prepared.solve, threads,
                                log);
    log.info("with/without runs took {:.1f} s", seconds_since(start));
  }
  a.accounting = appraise::account_finance(study, a.prepared.finance, a.appraisals);
  if (!dir) return a;
  io::write_appraisals(dir->staging().string(), a.appraisals, finance::to_string(a.prepared.finance.mode));
  io::write_finance_accounting(dir->staging().string(), a.accounting);
  commit(*dir, cancel);
  maybe_report(options, a.out, log);
  return a;
}

ShareOutput share(const StudyOptions& options, const std::string& project, double threshold, core::Logger& log,
                  core::Cancel& cancel) {
  if (!(threshold >= 0 && threshold <= 1))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--threshold"},
                      fmt::format("expected a share from 0 to 1 of the total positive net benefits, got {:g}", threshold));
  ShareOutput o;
  o.prepared = prepare(options, log, cancel);
  const model::Study& study = o.prepared.study;
  const std::size_t p = appraise::find_project(study, project);  // bad input before any solve
  o.out = options.out.empty() ? "results/" + safe_folder_name(study_label(study)) + "-share-" + safe_folder_name(project)
                              : options.out;
  std::optional<io::OutputDir> dir;
  if (writes(options)) dir.emplace(o.out);
  o.prepared.solve.ranks = nullptr;  // two runs, each in one process
  o.runs = appraise::share_project(study, p, o.prepared.solve, threshold, log);
  o.runs.with.timings.read_s = o.prepared.read_s;
  if (!dir) return o;
  io::write_results(dir->staging().string(), study, o.runs.with, log);
  io::write_sharing(dir->staging().string(), o.runs.sharing);
  commit(*dir, cancel);
  maybe_report(options, o.out, log);
  return o;
}

PortfolioOutput portfolio(const StudyOptions& options, const PortfolioRequest& request, core::Logger& log,
                          core::Cancel& cancel) {
  PortfolioOutput o;
  o.prepared = prepare(options, log, cancel);
  const model::Study& study = o.prepared.study;
  o.out = projects_folder(options, study, "portfolio", "Portfolio selection");
  std::optional<io::OutputDir> dir;
  if (writes(options)) dir.emplace(o.out);
  const auto start = std::chrono::steady_clock::now();
  appraise::PortfolioOptions choice{request.budget_eur, request.candidates,
                                    request.objective == "co2" ? appraise::PortfolioObjective::co2
                                                               : appraise::PortfolioObjective::cost,
                                    request.threads};
  o.portfolio = appraise::select_portfolio(study, o.prepared.finance, choice, o.prepared.solve, log);
  o.portfolio.results.timings.read_s = o.prepared.read_s;
  o.portfolio.results.timings.solve_s = seconds_since(start);
  if (!dir) return o;
  io::write_results(dir->staging().string(), study, o.portfolio.results, log);
  io::write_portfolio(dir->staging().string(), o.portfolio);
  commit(*dir, cancel);
  maybe_report(options, o.out, log);
  return o;
}

ProfilesOutput profiles(StudyOptions options, core::Logger& log, core::Cancel& cancel) {
  if (options.resolution.empty()) options.resolution = "native";
  ProfilesOutput p;
  p.study = load(resolve_study_path(options.study), log, load_options(options));
  p.out = options.out.empty() ? "profiles/" + safe_folder_name(study_label(p.study)) : options.out;
  io::OutputDir dir(p.out);
  io::write_profiles(dir.staging().string(), p.study);
  commit(dir, cancel);
  return p;
}

void convert(const StudyOptions& options, const std::string& to, core::Logger& log, core::Cancel& cancel) {
  if (to != "pypsa")
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--to"}, fmt::format("expected pypsa, got '{}'", to));
  // STUDY is optional: `convert --to pypsa DIR` converts the default study.
  StudyOptions given = options;
  if (given.out.empty()) std::swap(given.study, given.out);
  const model::Study study = load(resolve_study_path(given.study), log, load_options(given));
  // capital_cost is the annuity `run` optimises: each asset under its project's finance (--finance).
  const finance::ProjectFinance projects = finance::project_finance(study, finance::parse_finance_mode(given.finance));
  io::PyPsaWriteOptions pypsa;
  pypsa.capital = projects.assets;
  pypsa.finance_mode = finance::to_string(projects.mode);
  io::OutputDir dir(given.out);
  const io::PyPsaConstraints carried = io::write_pypsa_folder(dir.staging().string(), study, nullptr, log, pypsa);
  commit(dir, cancel);
  log.info("wrote '{}' as a PyPSA CSV folder into {}/ ({} snapshots, capital costs under --finance {}, {} constraint{} "
           "in {})",
           study.settings.name, given.out, study.snapshots(), pypsa.finance_mode, carried.size(),
           carried.size() == 1 ? "" : "s", io::constraints_module_file);
}

int init(const std::string& name, const std::string& folder, core::Logger& log) {
  const std::string prefix = std::string(io::builtin_studies_folder) + name + "/";
  int written = 0;
  namespace fs = std::filesystem;
  if (fs::exists(folder / fs::path("study.yaml")))
    throw core::Error(core::ErrorKind::io, core::Context{folder, 0, 0, ""}, "already holds a study.yaml; choose another folder");
  for (const auto& file : io::builtin_files()) {
    if (file.path.rfind(prefix, 0) != 0) continue;
    const fs::path target = fs::path(folder) / std::string(file.path.substr(prefix.size()));
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);  // a file in the way is an I/O error (6), not internal (70)
    if (ec)
      throw core::Error(core::ErrorKind::io, core::Context{target.parent_path().string(), 0, 0, ""},
                        "cannot create the folder: " + ec.message());
    io::write_file_atomically(target, std::string(file.content));
    ++written;
  }
  if (written == 0) throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--study"}, fmt::format("no built-in study '{}'", name));
  log.info("wrote the built-in study '{}' into {}/ ({} files)", name, folder, written);
  return written;
}

std::string report(const std::string& run_dir) { return report::write_report(run_dir); }

CompareOutput compare(const std::string& run_a, const std::string& run_b, const std::string& out) {
  CompareOutput c;
  c.differences = report::compare_runs(run_a, run_b);
  const auto label = [](const std::string& run) {
    const auto j = report::read_result_json((std::filesystem::path(run) / "summary.json").string());
    const auto it = j.find("scenario");
    return it != j.end() && it->is_string() ? fmt::format("{} (scenario {})", run, it->get<std::string>()) : run;
  };
  c.label_a = label(run_a);
  c.label_b = label(run_b);
  c.file = out.empty() ? (std::filesystem::path(run_b) / "compare.csv").string() : out;
  io::write_file_atomically(c.file, report::differences_csv(c.differences));
  return c;
}

}  // namespace silkgrid::app
