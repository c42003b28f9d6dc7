// silkgrid: the command line. Subcommands parse their options, then call the library.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cli/summary_table.hpp"
#include "core/error.hpp"
#include "core/logger.hpp"
#include "formulate/build.hpp"
#include "io/builtin.hpp"
#include "io/output_dir.hpp"
#include "io/pypsa_reader.hpp"
#include "io/pypsa_writer.hpp"
#include "io/results_writer.hpp"
#include "io/study_reader.hpp"

namespace {

using namespace silkgrid;

constexpr int exit_usage = 64;

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
};

// "3h", "3" or "1h" → hours; throws an input error naming the option otherwise.
double parse_resolution(const std::string& text) {
  std::string number = text;
  if (!number.empty() && (number.back() == 'h' || number.back() == 'H')) number.pop_back();
  char* end = nullptr;
  const double hours = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !(hours > 0))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--resolution"},
                      fmt::format("expected hours such as 1h or 3h, got '{}'", text));
  return hours;
}

io::ReadOptions read_options(const RunOptions& options) {
  io::ReadOptions read;
  read.strict = options.strict;
  read.seed = options.seed;
  if (!options.resolution.empty()) read.resolution_hours = parse_resolution(options.resolution);
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
  return core::Logger(global.quiet ? core::LogLevel::warning : global.verbose ? core::LogLevel::debug : core::LogLevel::info);
}

int run(const GlobalOptions& global, const RunOptions& options) {
  core::Logger log = make_logger(global);
  const auto start = std::chrono::steady_clock::now();
  const std::string path = resolve_study_path(options.study);
  log.info("reading {}", path);
  const model::Study study = io::read_study(path, log, read_options(options));
  const double read_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  log.info("study '{}': {} regions, {} generators, {} links, {} storage, {} markets, {} policies, {} snapshots",
           study.settings.name, study.regions.size(), study.generators.size(), study.links.size(), study.storage.size(),
           study.markets.size(), study.policies.size(), study.snapshots());
  if (std::abs(study.time.total_hours() - core::hours_per_year) > 1e-6)
    log.info("the snapshot weights sum to {} h, not 8760 h: annuities and t_per_year are still per year, as in PyPSA",
             study.time.total_hours());

  formulate::SolveStudyOptions solve;
  solve.solver = formulate::solve_options(study.solver);
  if (!options.method.empty())
    solve.solver.method = options.method == "primal" ? lp::Method::primal
                          : options.method == "barrier" ? lp::Method::barrier
                                                        : lp::Method::dual;
  if (!options.presolve.empty()) solve.solver.presolve = options.presolve == "on";
  if (options.time_limit_s >= 0) solve.solver.time_limit_s = options.time_limit_s;
  if (options.solver_log >= 0) solve.solver.log_level = options.solver_log;
  solve.write_lp = options.write_lp;

  // Refuse an unusable --out before spending time on the solve.
  const std::string out = options.out.empty() ? "results/" + safe_folder_name(study.settings.name) : options.out;
  io::OutputDir dir(out);

  model::Results results = formulate::solve_study(study, solve, log);
  results.timings.read_s = read_s;
  io::write_results(dir.staging().string(), study, results, log);
  // A PyPSA network's results also the way PyPSA exports a solved network.
  if (io::is_pypsa_folder(path)) io::write_pypsa_folder(dir.staging().string(), study, &results, log);
  dir.commit();
  if (!global.quiet) std::fputs(cli::summary_table(study, results).c_str(), stdout);
  log.info("results in {}/ (read {:.2f} s, build {:.2f} s, solve {:.2f} s, extract {:.2f} s, write {:.2f} s)", out,
           results.timings.read_s, results.timings.build_s, results.timings.solve_s, results.timings.extract_s,
           results.timings.write_s);
  return 0;
}

int profiles(const GlobalOptions& global, RunOptions options) {
  core::Logger log = make_logger(global);
  if (options.resolution.empty()) options.resolution = "1h";  // the hourly weather year unless asked
  const std::string path = resolve_study_path(options.study);
  const model::Study study = io::read_study(path, log, read_options(options));
  const std::string out = options.out.empty() ? "profiles/" + safe_folder_name(study.settings.name) : options.out;
  io::OutputDir dir(out);
  io::write_profiles(dir.staging().string(), study);
  dir.commit();
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
  dir.commit();
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
    fs::create_directories(target.parent_path());
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
  run_cmd->add_option("study", run_options.study,
                      "Study file or folder (holding study.yaml), or builtin:NAME; default: the built-in default study");
  run_cmd->add_option("-o,--out", run_options.out, "Result folder (default: results/<study name>)");
  run_cmd->add_option("--write-lp", run_options.write_lp, "Also write the LP, with names, to this MPS file");
  run_cmd->add_option("--method", run_options.method, "Clp method (default: the study's, else dual)")
      ->check(CLI::IsMember({"dual", "primal", "barrier"}));
  run_cmd->add_option("--presolve", run_options.presolve, "Clp presolve (default: on)")->check(CLI::IsMember({"on", "off"}));
  run_cmd->add_option("--time-limit", run_options.time_limit_s, "Solver time limit in seconds (0 = none)")
      ->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--solver-log", run_options.solver_log, "Clp's log level, 0 (quiet) to 4")->check(CLI::Range(0, 4));
  run_cmd->add_flag("--strict", run_options.strict, "Treat unknown keys in the study as errors");
  run_cmd->add_option("--seed", run_options.seed, "Weather year: the seed of the weather generator (default: the study's)");
  run_cmd->add_option("--resolution", run_options.resolution,
                      "Snapshot length, e.g. 1h or 3h: profiles are averaged over blocks (default: the study's)");

  RunOptions profile_options;
  CLI::App* profiles_cmd = app.add_subcommand("profiles", "Write a study's hourly profiles (the weather year) and their calibration");
  profiles_cmd->footer(
      "Examples:\n  silkgrid profiles --seed 7 --out weather-7      # the default study's weather year 7\n"
      "  silkgrid profiles my-study --resolution 3h");
  profiles_cmd->add_option("study", profile_options.study, "Study file or folder, or builtin:NAME (default: the default study)");
  profiles_cmd->add_option("-o,--out", profile_options.out, "Output folder (default: profiles/<study name>)");
  profiles_cmd->add_option("--seed", profile_options.seed, "Weather year (default: the study's weather.seed)");
  profiles_cmd->add_option("--resolution", profile_options.resolution, "Average into blocks of this length (default: 1h)");

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
  convert_cmd->add_option("--seed", convert_options.seed, "Weather year (default: the study's)");
  convert_cmd->add_option("--resolution", convert_options.resolution, "Snapshot length, e.g. 3h (default: the study's)");

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

  try {
    if (*run_cmd) return run(global, run_options);
    if (*init_cmd) return init(global, init_study, init_folder);
    if (*convert_cmd) return convert(global, convert_options, convert_to);
    if (*profiles_cmd) return profiles(global, profile_options);
  } catch (const core::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return core::exit_code(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: internal: %s\n", e.what());
    return core::exit_code(core::ErrorKind::internal);
  }
  return 0;
}
