// silkgrid: the command line. Subcommands parse their options, then call the library.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cli/progress.hpp"
#include "cli/summary_table.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/logger.hpp"
#include "formulate/build.hpp"
#include "appraise/appraise.hpp"
#include "appraise/portfolio.hpp"
#include "finance/structure.hpp"
#include "io/appraisal_writer.hpp"
#include "io/builtin.hpp"
#include "report/compare.hpp"
#include "report/html.hpp"
#include "io/output_dir.hpp"
#include "io/pypsa_reader.hpp"
#include "io/pypsa_writer.hpp"
#include "io/results_writer.hpp"
#include "io/study_reader.hpp"
#include "model/limits.hpp"

namespace {

using namespace silkgrid;

constexpr int exit_usage = 64;

// Ctrl-C and SIGTERM: the handler only requests this token (async-signal-safe); the library
// sees it through the solve options and stops with core::ErrorKind::interrupted (exit 130).
// A signal handler can reach nothing but a global, hence this one.
core::Cancel interrupt_requested;

extern "C" void on_interrupt(int) { interrupt_requested.request(); }

// Installs the handler once; SA_RESETHAND restores the default, so a second Ctrl-C kills at once
// (its staging folder is then removed by the next run into the same --out).
void stop_on_interrupt() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// An error ends the command after its logger is gone: clear a progress line left on the
// terminal (and the ^C the terminal echoed) so that the message starts its own line.
void clear_status_line() {
  if (cli::TerminalStatus::stderr_is_terminal()) std::fputs("\r\033[K", stderr);
}

// Moves the results into place unless interrupted: an interrupted run leaves --out as it was.
void commit(io::OutputDir& dir) {
  interrupt_requested.throw_if_requested("before the results were moved into place");
  dir.commit();
}

struct GlobalOptions {
  bool quiet = false;
  bool verbose = false;
};

struct RunOptions {
  std::string study;
  std::string out;
  std::string write_lp;
  std::string method;
  std::string presolve;
  double time_limit_s = -1;
  int solver_log = -1;
  bool strict = false;
  std::optional<std::uint64_t> seed;
  std::string resolution;
  std::string finance = "as-given";
  bool report = false;  // also write report.html into the result folder
};

void maybe_report(const RunOptions& options, const std::string& out, core::Logger& log) {
  if (!options.report) return;
  log.info("report: {}", report::write_report(out));
}

// "3h", "3" or "1h" → hours, or nothing when `text` is not a number of hours in (0, 8784].
std::optional<double> resolution_hours(const std::string& text) {
  std::string number = text;
  if (!number.empty() && (number.back() == 'h' || number.back() == 'H')) number.pop_back();
  char* end = nullptr;
  const double hours = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !(hours > 0 && hours <= model::limits::hours.max)) return std::nullopt;
  return hours;
}

double parse_resolution(const std::string& text) {
  const auto hours = resolution_hours(text);
  if (!hours)
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--resolution"},
                      fmt::format("expected hours such as 1h or 3h, got '{}'", text));
  return *hours;
}

// Bad values of these options are bad command lines (exit 64), before any study is read.
const CLI::Validator resolution_check(
    [](std::string& text) {
      return resolution_hours(text) ? std::string()
                                    : fmt::format("expected hours in (0, {:g}] such as 1h or 3h, got '{}'",
                                                  model::limits::hours.max, text);
    },
    "HOURS", "resolution");
// A whole number 0 … 9e15 in decimal digits: CLI11 alone would wrap "-5" and saturate 1e20.
const CLI::Validator seed_check(
    [](std::string& text) {
      const bool digits = !text.empty() && text.size() <= 16 &&
                          std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (digits && std::stod(text) <= model::limits::seed_max) return std::string();
      return fmt::format("expected a whole number in [0, {:g}], got '{}'", model::limits::seed_max, text);
    },
    "SEED", "seed");
// A finite number in [0, max].
CLI::Validator finite_in(double max, const std::string& unit) {
  return CLI::Validator(
      [max, unit](std::string& text) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (!text.empty() && *end == '\0' && v >= 0 && v <= max) return std::string();
        return fmt::format("expected a number in [0, {:g}] {}, got '{}'", max, unit, text);
      },
      "NUMBER", "finite_in");
}

io::ReadOptions read_options(const RunOptions& options) {
  io::ReadOptions read;
  read.strict = options.strict;
  read.seed = options.seed;
  if (options.resolution == "native") read.resolution_hours = 0.0;  // as the series (profiles' default)
  else if (!options.resolution.empty()) read.resolution_hours = parse_resolution(options.resolution);
  return read;
}

std::string resolve_study_path(const std::string& study) {
  if (study.empty()) return std::string(io::builtin_prefix) + std::string(io::default_study);
  if (study.rfind("builtin:", 0) == 0) return std::string(io::builtin_prefix) + study.substr(8) + "/study.yaml";
  return study;
}

// A study name as a folder name: letters, digits, '.', '-' and '_' only.
std::string safe_folder_name(std::string name) {
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_') ch = '_';
  if (name.empty() || name == "." || name == "..") name = "study";
  return name;
}

core::Logger make_logger(const GlobalOptions& global) {
  return cli::terminal_logger(global.quiet ? core::LogLevel::warning : global.verbose ? core::LogLevel::debug : core::LogLevel::info,
                              !global.quiet && cli::TerminalStatus::stderr_is_terminal());
}

// Reads the study (with its project finance under --finance) and the solver options.
struct Prepared {
  model::Study study;
  formulate::SolveStudyOptions solve;
  std::string path;
  double read_s = 0;
  finance::FinanceMode finance = finance::FinanceMode::as_given;
};

Prepared prepare(const RunOptions& options, core::Logger& log) {
  Prepared p;
  const auto start = std::chrono::steady_clock::now();
  p.path = resolve_study_path(options.study);
  log.info("reading {}", p.path);
  log.progress("reading {}", p.path);
  p.study = io::read_study(p.path, log, read_options(options));
  interrupt_requested.throw_if_requested("after reading the study");
  p.finance = finance::parse_finance_mode(options.finance);
  // Each extendable asset of a project takes its project's cost of capital and grant.
  finance::apply_project_finance(p.study, p.finance);
  p.read_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& study = p.study;
  log.info("study '{}': {} regions, {} generators, {} links, {} storage, {} markets, {} policies, {} projects, {} snapshots",
           study.settings.name, study.regions.size(), study.generators.size(), study.links.size(), study.storage.size(),
           study.markets.size(), study.policies.size(), study.projects.size(), study.snapshots());
  if (std::abs(study.time.total_hours() - core::hours_per_year) > 1e-6)
    log.info("the snapshot weights sum to {} h, not 8760 h: annuities and t_per_year are still per year, as in PyPSA",
             study.time.total_hours());

  p.solve.solver = formulate::solve_options(study.solver);
  if (const auto method = core::parse_solver_method(options.method)) p.solve.solver.method = *method;
  if (!options.presolve.empty()) p.solve.solver.presolve = options.presolve == "on";
  if (options.time_limit_s >= 0) p.solve.solver.time_limit_s = options.time_limit_s;
  if (options.solver_log >= 0) p.solve.solver.log_level = options.solver_log;
  p.solve.write_lp = options.write_lp;
  p.solve.solver.progress = log.shows_progress();  // Clp's iterations on the status line
  p.solve.solver.cancel = &interrupt_requested;
  return p;
}

int run(const GlobalOptions& global, const RunOptions& options) {
  core::Logger log = make_logger(global);
  Prepared p = prepare(options, log);
  const model::Study& study = p.study;

  // Refuse an unusable --out before spending time on the solve.
  const std::string out = options.out.empty() ? "results/" + safe_folder_name(study.settings.name) : options.out;
  io::OutputDir dir(out);

  model::Results results = formulate::solve_study(study, p.solve, log);
  results.timings.read_s = p.read_s;
  io::write_results(dir.staging().string(), study, results, log);
  // A PyPSA network's results also the way PyPSA exports a solved network.
  if (io::is_pypsa_folder(p.path)) io::write_pypsa_folder(dir.staging().string(), study, &results, log);
  commit(dir);
  maybe_report(options, out, log);
  if (!global.quiet) std::fputs(cli::summary_table(study, results).c_str(), stdout);
  log.info("results in {}/ (read {:.2f} s, build {:.2f} s, solve {:.2f} s, extract {:.2f} s, write {:.2f} s)", out,
           results.timings.read_s, results.timings.build_s, results.timings.solve_s, results.timings.extract_s,
           results.timings.write_s);
  return 0;
}

// The result folder of a subcommand on projects (--out, else results/<study>-<suffix>), after
// checking that the study has projects.
std::string projects_folder(const RunOptions& options, const model::Study& study, const std::string& suffix,
                            const char* purpose) {
  if (study.projects.size() == 0)
    throw core::Error(core::ErrorKind::input, core::Context{study.file, 0, 0, "projects"},
                      fmt::format("the study has no projects {} (README, \"{}\")", suffix == "appraisal" ? "to appraise" : "to choose from",
                                  purpose));
  return options.out.empty() ? "results/" + safe_folder_name(study.settings.name) + "-" + suffix : options.out;
}

int appraise_projects(const GlobalOptions& global, const RunOptions& options, bool system_value, int threads) {
  core::Logger log = make_logger(global);
  Prepared p = prepare(options, log);
  const model::Study& study = p.study;
  const std::string out = projects_folder(options, study, "appraisal", "Projects and climate finance");
  io::OutputDir dir(out);

  model::Results results = formulate::solve_study(study, p.solve, log);
  results.timings.read_s = p.read_s;
  io::write_results(dir.staging().string(), study, results, log);
  auto appraisals = appraise::appraise_projects(study, results);
  if (system_value) {
    log.info("system value: {} runs without one project each, {} at a time", appraisals.size(),
             threads > 0 ? std::to_string(threads) : std::string("as many as there are cores"));
    const auto start = std::chrono::steady_clock::now();
    appraise::add_system_values(study, results.objective_eur, appraisals, p.solve, threads, log);
    log.info("with/without runs took {:.1f} s", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  io::write_appraisals(dir.staging().string(), appraisals, finance::to_string(p.finance));
  commit(dir);
  maybe_report(options, out, log);
  if (!global.quiet) std::fputs(cli::appraisal_table(appraisals).c_str(), stdout);
  log.info("appraisal of {} projects (finance: {}) in {}/", appraisals.size(), finance::to_string(p.finance), out);
  return 0;
}

int select_portfolio(const GlobalOptions& global, const RunOptions& options, double budget,
                     const std::vector<std::string>& candidates, const std::string& objective, int threads) {
  core::Logger log = make_logger(global);
  Prepared p = prepare(options, log);
  const model::Study& study = p.study;
  const std::string out = projects_folder(options, study, "portfolio", "Portfolio selection");
  io::OutputDir dir(out);
  const auto start = std::chrono::steady_clock::now();
  appraise::PortfolioOptions choice{budget, candidates,
                                    objective == "co2" ? appraise::PortfolioObjective::co2 : appraise::PortfolioObjective::cost,
                                    threads};
  model::PortfolioResult portfolio = appraise::select_portfolio(study, choice, p.solve, log);
  portfolio.results.timings.read_s = p.read_s;
  portfolio.results.timings.solve_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  io::write_results(dir.staging().string(), study, portfolio.results, log);
  io::write_portfolio(dir.staging().string(), portfolio);
  commit(dir);
  maybe_report(options, out, log);
  if (!global.quiet) {
    const bool co2 = portfolio.objective == "co2";
    std::printf("\n%-28s %9s %10s %14s %14s\n", "project", "chosen", "MW", "concess. M€", co2 ? "kt CO2/yr" : "adds M€/yr");
    for (const auto& c : portfolio.projects) {
      if (!c.candidate) continue;
      const auto& shown = co2 ? c.co2_avoided_t_per_year : c.adds_eur_per_year;
      std::printf("%-28s %9s %10.0f %14.1f %14s\n", c.name.substr(0, 28).c_str(), c.chosen ? "yes" : "no", c.capacity_mw,
                  c.concessional_eur / 1e6, shown ? fmt::format("{:.1f}", *shown / (co2 ? 1e3 : 1e6)).c_str() : "-");
    }
    if (co2) {
      std::printf("concessional finance: EUR %.1f m of EUR %.1f m avoids %.1f kt CO2 a year", portfolio.concessional_used_eur / 1e6,
                  budget / 1e6, portfolio.co2_avoided_t_per_year / 1e3);
      if (portfolio.step_value_eur_per_eur)
        std::printf("; the next EUR %.1f m would avoid %.3f kg a year per euro", portfolio.step_eur / 1e6,
                    *portfolio.step_value_eur_per_eur * 1e3);
    } else {
      std::printf("concessional finance: EUR %.1f m of EUR %.1f m; one more euro is worth EUR %.3f a year at the margin",
                  portfolio.concessional_used_eur / 1e6, budget / 1e6, portfolio.marginal_value_eur_per_eur);
      if (portfolio.step_value_eur_per_eur)
        std::printf(", EUR %.3f a year per euro over the next EUR %.1f m", *portfolio.step_value_eur_per_eur,
                    portfolio.step_eur / 1e6);
    }
    std::printf("\n");
  }
  log.info("portfolio in {}/", out);
  return 0;
}

int profiles(const GlobalOptions& global, RunOptions options) {
  core::Logger log = make_logger(global);
  // The series as it is (a weather year: hourly; a CSV: its own step) unless asked.
  if (options.resolution.empty()) options.resolution = "native";
  const std::string path = resolve_study_path(options.study);
  const model::Study study = io::read_study(path, log, read_options(options));
  const std::string out = options.out.empty() ? "profiles/" + safe_folder_name(study.settings.name) : options.out;
  io::OutputDir dir(out);
  io::write_profiles(dir.staging().string(), study);
  commit(dir);
  if (!global.quiet) {
    std::printf("%-28s %-6s %10s %10s %10s\n", "profile", "kind", "target", "achieved", "max");
    for (const auto& p : study.profile_summary)
      std::printf("%-28s %-6s %10.4g %10.4g %10.4g\n", p.name.c_str(), p.kind.c_str(), p.target, p.achieved, p.max);
  }
  log.info("wrote {} profiles of {} snapshots into {}/", study.series.names.size(), study.snapshots(), out);
  return 0;
}

int convert(const GlobalOptions& global, const RunOptions& options, const std::string& to) {
  core::Logger log = make_logger(global);
  if (to != "pypsa")
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--to"}, fmt::format("expected pypsa, got '{}'", to));
  // STUDY is optional: `convert --to pypsa DIR` converts the default study.
  RunOptions given = options;
  if (given.out.empty()) std::swap(given.study, given.out);
  const std::string path = resolve_study_path(given.study);
  const model::Study study = io::read_study(path, log, read_options(given));
  io::OutputDir dir(given.out);
  const auto warnings = io::write_pypsa_folder(dir.staging().string(), study, nullptr, log);
  commit(dir);
  log.info("wrote '{}' as a PyPSA CSV folder into {}/ ({} snapshots, {} inexact mapping{})", study.settings.name,
           given.out, study.snapshots(), warnings.size(), warnings.size() == 1 ? "" : "s");
  return 0;
}

int init(const GlobalOptions& global, const std::string& name, const std::string& folder) {
  core::Logger log = make_logger(global);
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
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"silkgrid: planning cross-border green-energy corridors and their climate-finance portfolios"};
  app.require_subcommand(1);
  app.fallthrough();  // -q and -v may come after the subcommand too
  GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "Print only warnings and errors");
  app.add_flag("-v,--verbose", global.verbose, "Print debugging detail");

  RunOptions run_options;
  CLI::App* run_cmd = app.add_subcommand("run", "Solve a study (dispatch and capacity expansion) and write its results");
  run_cmd->footer(
      "Examples:\n  silkgrid run                          # the built-in default study\n"
      "  silkgrid run my-study/ --out results/my-study\n"
      "  silkgrid run study.yaml --write-lp study.mps --method barrier");
  const auto add_solve_options = [](CLI::App* cmd, RunOptions& o, const std::string& default_out) {
    cmd->add_option("study", o.study,
                    "Study file or folder (holding study.yaml), a PyPSA CSV folder, or builtin:NAME; default: the "
                    "built-in default study");
    cmd->add_option("-o,--out", o.out, "Result folder (default: " + default_out + ")");
    cmd->add_option("--write-lp", o.write_lp, "Also write the LP, with names, to this MPS file");
    cmd->add_option("--method", o.method, "Clp method (default: the study's, else dual)")
        ->check(CLI::IsMember({"dual", "primal", "barrier"}));
    cmd->add_option("--presolve", o.presolve, "Clp presolve (default: on)")->check(CLI::IsMember({"on", "off"}));
    cmd->add_option("--time-limit", o.time_limit_s, "Solver time limit in seconds (0 = none)")
        ->check(finite_in(model::limits::seconds.max, "s"));
    cmd->add_option("--solver-log", o.solver_log, "Clp's log level, 0 (quiet) to 4")->check(CLI::Range(0, 4));
    cmd->add_flag("--strict", o.strict, "Treat unknown keys in the study as errors");
    cmd->add_option("--seed", o.seed, "Weather year: the seed of the weather generator (default: the study's)")
        ->check(seed_check);
    cmd->add_option("--resolution", o.resolution,
                    "Snapshot length, e.g. 1h or 3h: profiles are averaged over blocks (default: the study's)")
        ->check(resolution_check);
    cmd->add_option("--finance", o.finance,
                    "Project finance: as-given (each project's tranches), commercial (grants and concessional loans "
                    "replaced by commercial debt) or none (the study's discount rate)")
        ->check(CLI::IsMember({"as-given", "commercial", "none"}));
    cmd->add_flag("--report", o.report, "Also write report.html (the HTML report) into the result folder");
  };
  add_solve_options(run_cmd, run_options, "results/<study name>");

  RunOptions appraise_options;
  bool no_system_value = false;
  int appraise_threads = 0;
  CLI::App* appraise_cmd = app.add_subcommand("appraise", "Run a study and appraise each of its projects");
  appraise_cmd->footer(
      "Examples:\n  silkgrid appraise --out appraisal                 # the default corridor's projects\n"
      "  silkgrid appraise --finance commercial --out appraisal-commercial\n"
      "  silkgrid appraise my-study --no-system-value --resolution 24h");
  add_solve_options(appraise_cmd, appraise_options, "results/<study name>-appraisal");
  appraise_cmd->add_flag("--no-system-value", no_system_value, "Skip the with/without runs (one solve per project)");
  appraise_cmd->add_option("--threads", appraise_threads, "With/without runs at a time (default: one per core)")
      ->check(CLI::NonNegativeNumber);

  RunOptions portfolio_options;
  double budget = -1;
  std::vector<std::string> candidates;
  CLI::App* portfolio_cmd =
      app.add_subcommand("portfolio", "Choose which candidate projects to build under a budget of concessional finance (Cbc)");
  portfolio_cmd->footer(
      "Examples:\n  silkgrid portfolio --concessional-budget-eur 3e9 --resolution 24h --out portfolio\n"
      "  silkgrid portfolio my-study --concessional-budget-eur 5e8 --candidates wind-a,solar-b");
  add_solve_options(portfolio_cmd, portfolio_options, "results/<study name>-portfolio");
  portfolio_cmd->add_option("--concessional-budget-eur", budget, "Concessional finance available, EUR")
      ->required()
      ->check(finite_in(model::limits::budget.max, "EUR"));
  std::string portfolio_objective = "cost";
  int portfolio_threads = 0;
  portfolio_cmd->add_option("--objective", portfolio_objective,
                            "cost: least system cost; co2: most CO2 avoided within the budget (with/without runs)")
      ->check(CLI::IsMember({"cost", "co2"}));
  portfolio_cmd->add_option("--threads", portfolio_threads, "With/without runs at a time for --objective co2 (default: one per core)")
      ->check(CLI::NonNegativeNumber);
  portfolio_cmd->add_option("--candidates", candidates,
                            "Candidate projects (default: those not yet under construction or operating)")
      ->delimiter(',');

  std::string report_dir;
  CLI::App* report_cmd = app.add_subcommand("report", "Write RUN_DIR/report.html, the HTML report of a result folder");
  report_cmd->footer("Examples:\n  silkgrid report results/corridor\n  silkgrid run --report   # the same, right after a run");
  report_cmd->add_option("run_dir", report_dir, "A result folder of run, appraise or portfolio")->required();

  std::string compare_a, compare_b, compare_out;
  CLI::App* compare_cmd = app.add_subcommand("compare", "Print and write the differences of the key figures of two result folders");
  compare_cmd->footer(
      "Examples:\n  silkgrid compare results/corridor results/corridor-commercial\n"
      "  silkgrid compare run-a run-b --out a-vs-b.csv");
  compare_cmd->add_option("run_a", compare_a, "The reference result folder (A)")->required();
  compare_cmd->add_option("run_b", compare_b, "The result folder compared with it (B)")->required();
  compare_cmd->add_option("-o,--out", compare_out, "CSV file to write (default: RUN_B/compare.csv)");

  RunOptions profile_options;
  CLI::App* profiles_cmd = app.add_subcommand("profiles", "Write a study's hourly profiles (the weather year) and their calibration");
  profiles_cmd->footer(
      "Examples:\n  silkgrid profiles --seed 7 --out weather-7      # the default study's weather year 7\n"
      "  silkgrid profiles my-study --resolution 3h");
  profiles_cmd->add_option("study", profile_options.study, "Study file or folder, or builtin:NAME (default: the default study)");
  profiles_cmd->add_option("-o,--out", profile_options.out, "Output folder (default: profiles/<study name>)");
  profiles_cmd->add_option("--seed", profile_options.seed, "Weather year (default: the study's weather.seed)")->check(seed_check);
  profiles_cmd->add_option("--resolution", profile_options.resolution,
                           "Average into blocks of this length (default: the series' own step, a weather year's hours)")
      ->check(resolution_check);

  RunOptions convert_options;
  std::string convert_to;
  CLI::App* convert_cmd = app.add_subcommand("convert", "Write a study in another tool's format (a PyPSA CSV folder)");
  convert_cmd->footer(
      "Examples:\n  silkgrid convert --to pypsa corridor-pypsa          # the default study, for pypsa.Network()\n"
      "  silkgrid convert my-study --to pypsa my-study-pypsa --resolution 3h\n"
      "What PyPSA cannot express exactly is written as the closest equivalent, with a warning (README).");
  convert_cmd->add_option("study", convert_options.study,
                          "Study file or folder, or builtin:NAME (default: the default study when only DIR is given)")
      ->required();
  convert_cmd->add_option("dir", convert_options.out, "Folder to write the PyPSA CSV files into");
  convert_cmd->add_option("--to", convert_to, "Target format: pypsa")->required()->check(CLI::IsMember({"pypsa"}));
  convert_cmd->add_option("--seed", convert_options.seed, "Weather year (default: the study's)")->check(seed_check);
  convert_cmd->add_option("--resolution", convert_options.resolution, "Snapshot length, e.g. 3h (default: the study's)")
      ->check(resolution_check);

  std::string init_study = "corridor", init_folder;
  CLI::App* init_cmd = app.add_subcommand("init", "Copy a built-in study into a folder, to edit and run");
  init_cmd->footer("Example:\n  silkgrid init my-study && silkgrid run my-study");
  init_cmd->add_option("folder", init_folder, "Folder to write study.yaml and its CSV files into")->required();
  init_cmd->add_option("--study", init_study, "Built-in study to copy: corridor (the default study) or demo");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : exit_usage;
  }

  // The commands that write a result folder stop cleanly on Ctrl-C; the others keep the default.
  if (*run_cmd || *portfolio_cmd || *appraise_cmd || *profiles_cmd || *convert_cmd) stop_on_interrupt();
  try {
    if (*run_cmd) return run(global, run_options);
    if (*portfolio_cmd)
      return select_portfolio(global, portfolio_options, budget, candidates, portfolio_objective, portfolio_threads);
    if (*appraise_cmd) return appraise_projects(global, appraise_options, !no_system_value, appraise_threads);
    if (*init_cmd) return init(global, init_study, init_folder);
    if (*compare_cmd) {
      core::Logger log = make_logger(global);
      const auto differences = report::compare_runs(compare_a, compare_b);
      const std::string file = compare_out.empty() ? (std::filesystem::path(compare_b) / "compare.csv").string() : compare_out;
      io::write_file_atomically(file, report::differences_csv(differences));
      if (!global.quiet) std::fputs(report::differences_table(differences, compare_a, compare_b).c_str(), stdout);
      log.info("differences in {}", file);
      return 0;
    }
    if (*report_cmd) {
      core::Logger log = make_logger(global);
      log.info("report: {}", report::write_report(report_dir));
      return 0;
    }
    if (*convert_cmd) return convert(global, convert_options, convert_to);
    if (*profiles_cmd) return profiles(global, profile_options);
  } catch (const core::Error& e) {
    clear_status_line();
    std::fprintf(stderr, "error: %s\n", e.what());
    return core::exit_code(e.kind());
  } catch (const std::exception& e) {
    clear_status_line();
    std::fprintf(stderr, "error: internal: %s\n", e.what());
    return core::exit_code(core::ErrorKind::internal);
  }
  return 0;
}
