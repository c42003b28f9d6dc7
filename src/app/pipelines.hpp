#pragma once
// The pipelines behind the subcommands: load a study of any kind with its options (app::load),
// solve, appraise or choose, and write the result folder. The command line only parses its
// arguments into these options and prints what comes back.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/load.hpp"
#include "appraise/appraise.hpp"
#include "appraise/portfolio.hpp"
#include "appraise/sharing.hpp"
#include "core/cancel.hpp"
#include "core/logger.hpp"
#include "core/ranks.hpp"
#include "finance/structure.hpp"
#include "formulate/build.hpp"
#include "model/results.hpp"
#include "model/study.hpp"
#include "report/compare.hpp"

namespace silkgrid::app {

// A subcommand's study options, as given on the command line (empty / negative = not given).
struct StudyOptions {
  std::string study;     // a path, builtin:NAME, or empty for the default study
  std::string out;       // the result folder; empty = the subcommand's default
  std::string write_lp;  // also write the LP here (MPS)
  std::string method;    // dual, primal or barrier
  std::string presolve;  // on or off
  double time_limit_s = -1;
  int solver_log = -1;
  // The decomposition by time (model::SolverOptions); none given = the study's. Checked by the
  // command line (model/decomposition.hpp), applied to the study's solver options in prepare.
  std::string decompose;  // auto, none or benders
  std::optional<double> subperiod_hours, gap, stabilisation;
  std::optional<int> max_iterations;
  std::optional<int> threads;  // run: Benders subperiods at a time in each process (0 = one per core)
  bool strict = false;
  std::optional<std::uint64_t> seed;
  std::string scenario;              // the study's scenario overlay (README, "Scenarios"); empty: none
  std::optional<int> weather_years;  // run: one build-out over this many weather years (seeds seed … seed + K − 1)
  std::string resolution;  // "3h", "3", "native" (as the series) or empty (the study's)
  std::string aggregate;   // "segments:N" (time-series aggregation) or empty
  std::string finance = "as-given";
  bool report = false;  // also write report.html into the result folder
  bool break_even = false;  // run: verify each candidate's break-even reduction by re-solving (candidates.json)
  // A run over MPI (mpirun): every rank solves its share; only rank 0 writes --out and the
  // report. Null: one process. Not owned.
  const core::Ranks* ranks = nullptr;
};

// "segments:N" → N (1 to 1e7), or nothing when `text` is not that.
std::optional<std::size_t> aggregate_segments(const std::string& text);
// "3h", "3" or "1h" → hours, or nothing when `text` is not a number of hours in (0, 8784].
std::optional<double> resolution_hours(const std::string& text);
LoadOptions load_options(const StudyOptions& options);
// The path app::load takes for a study argument (empty: the built-in default study).
std::string resolve_study_path(const std::string& study);
// A study name as a folder name: letters, digits, '.', '-' and '_' only.
std::string safe_folder_name(std::string name);
// The study's name, and its scenario's after a '-' when one is applied: the default result
// folders' name, so that each scenario has its own.
std::string study_label(const model::Study& study);

// A loaded study (with its project finance under --finance) and its solver options.
struct Prepared {
  model::Study study;
  formulate::SolveStudyOptions solve;
  std::string path;
  double read_s = 0;
  finance::ProjectFinance finance;  // the projects' finance under --finance; solve.capital is its assets
};
Prepared prepare(const StudyOptions& options, core::Logger& log, core::Cancel& cancel);

struct RunOutput {
  Prepared prepared;
  model::Results results;
  std::string out;
};
RunOutput run(const StudyOptions& options, core::Logger& log, core::Cancel& cancel);

struct AppraiseOutput {
  Prepared prepared;
  std::vector<appraise::ProjectAppraisal> appraisals;
  finance::FinanceAccounting accounting;  // finance_accounting.json
  std::string out;
};
// With `ensemble` (a result folder of silkgrid ensemble), each project also gets its P50/P90
// energy and revenue, DSCR at P90 and the probabilities of DSCR below 1.2 and 1.0 over its years.
AppraiseOutput appraise(const StudyOptions& options, bool system_value, int threads, core::Logger& log,
                        core::Cancel& cancel, const std::string& ensemble = "");

struct ShareOutput {
  Prepared prepared;
  appraise::SharingRuns runs;
  std::string out;
};
// share --project NAME: runs with and without the project, its benefits and costs by country and
// the cross-border cost allocation at `threshold` (of the total positive net benefits); writes the
// with-run's results and sharing.json into the result folder (default results/<study>-share-<project>).
ShareOutput share(const StudyOptions& options, const std::string& project, double threshold, core::Logger& log,
                  core::Cancel& cancel);

struct PortfolioRequest {
  double budget_eur = -1;
  std::vector<std::string> candidates;
  std::string objective = "cost";  // cost or co2
  int threads = 0;
};
struct PortfolioOutput {
  Prepared prepared;
  model::PortfolioResult portfolio;
  std::string out;
};
PortfolioOutput portfolio(const StudyOptions& options, const PortfolioRequest& request, core::Logger& log,
                          core::Cancel& cancel);

struct ProfilesOutput {
  model::Study study;
  std::string out;
};
// The series as they are (a weather year: hourly; a CSV: its own step) unless --resolution.
ProfilesOutput profiles(StudyOptions options, core::Logger& log, core::Cancel& cancel);

// Writes the study as a PyPSA CSV folder, capital costs under options.finance (as run); `to` must be "pypsa".
void convert(const StudyOptions& options, const std::string& to, core::Logger& log, core::Cancel& cancel);

// Copies the built-in study `name` into `folder`; returns the number of files written.
int init(const std::string& name, const std::string& folder, core::Logger& log);

// Writes RUN_DIR/report.html; returns its path.
std::string report(const std::string& run_dir);

struct CompareOutput {
  std::vector<report::Difference> differences;
  std::string file;  // where the CSV went
  std::string label_a, label_b;  // the folders, with the scenario each ran (summary.json's) when one was applied
};
// Compares two result folders and writes the CSV (`out`, else RUN_B/compare.csv).
CompareOutput compare(const std::string& run_a, const std::string& run_b, const std::string& out);

}  // namespace silkgrid::app
