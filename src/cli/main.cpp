// silkgrid: the command line. Subcommands parse their options, call their pipeline (src/app/) and print.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "app/coalitions.hpp"
#include "app/ensemble.hpp"
#include "app/pipelines.hpp"
#include "cli/progress.hpp"
#include "cli/summary_table.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/logger.hpp"
#include "core/ranks.hpp"
#include "model/decomposition.hpp"
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

struct GlobalOptions {
  bool quiet = false;
  bool verbose = false;
  bool worker = false;  // a rank other than 0 of a run over MPI: prints only errors of its own
};

using RunOptions = app::StudyOptions;

// Bad values of these options are bad command lines (exit 64), before any study is read.
const CLI::Validator resolution_check(
    [](std::string& text) {
      return app::resolution_hours(text) ? std::string()
                                    : fmt::format("expected hours in (0, {:g}] such as 1h or 3h, got '{}'",
                                                  model::limits::hours.max, text);
    },
    "HOURS", "resolution");
const CLI::Validator aggregate_check(
    [](std::string& text) {
      return app::aggregate_segments(text) ? std::string()
                                           : fmt::format("expected segments:N with N from 1 to 10000000, got '{}'", text);
    },
    "segments:N", "aggregate");
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

// A finite number that `valid` accepts (NaN, inf and trailing text never are): the ranges of
// model/decomposition.hpp, the study reader's too.
CLI::Validator number_where(bool (*valid)(double), const std::string& expected) {
  return CLI::Validator(
      [valid, expected](std::string& text) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (!text.empty() && *end == '\0' && std::isfinite(v) && valid(v)) return std::string();
        return fmt::format("expected {}, got '{}'", expected, text);
      },
      "NUMBER", "number_where");
}
const CLI::Validator decompose_check(
    [](std::string& text) {
      return model::parse_decomposition(text) ? std::string()
                                              : fmt::format("expected auto, none or benders, got '{}'", text);
    },
    "auto|none|benders", "decompose");
// A whole number 1 … 100000 in decimal digits (CLI11 alone would wrap or truncate).
const CLI::Validator iterations_check(
    [](std::string& text) {
      const bool digits = !text.empty() && text.size() <= 6 &&
                          std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (digits && model::valid_max_iterations(std::stod(text))) return std::string();
      return fmt::format("expected a whole number 1 to {}, got '{}'", model::max_iterations_max, text);
    },
    "N", "max_iterations");

core::Logger make_logger(const GlobalOptions& global) {
  if (global.worker) return cli::terminal_logger(core::LogLevel::error, false);
  return cli::terminal_logger(global.quiet ? core::LogLevel::warning : global.verbose ? core::LogLevel::debug : core::LogLevel::info,
                              !global.quiet && cli::TerminalStatus::stderr_is_terminal());
}

int run(const GlobalOptions& global, const RunOptions& options) {
  core::Logger log = make_logger(global);
  const app::RunOutput r = app::run(options, log, interrupt_requested);
  if (!global.quiet) std::fputs(cli::summary_table(r.prepared.study, r.results).c_str(), stdout);
  log.info("results in {}/ (read {:.2f} s, build {:.2f} s, solve {:.2f} s, extract {:.2f} s, write {:.2f} s)", r.out,
           r.results.timings.read_s, r.results.timings.build_s, r.results.timings.solve_s, r.results.timings.extract_s,
           r.results.timings.write_s);
  return 0;
}

int appraise_projects(const GlobalOptions& global, const RunOptions& options, bool system_value, int threads,
                      const std::string& ensemble) {
  core::Logger log = make_logger(global);
  const app::AppraiseOutput a = app::appraise(options, system_value, threads, log, interrupt_requested, ensemble);
  if (!global.quiet) std::fputs(cli::appraisal_table(a.appraisals).c_str(), stdout);
  if (!global.quiet && !ensemble.empty()) {
    std::printf("\nover the ensemble's weather years (%s): P90 = exceeded in 90 %% of years\n", ensemble.c_str());
    std::printf("%-28s %6s %14s %14s %10s %10s %12s %12s\n", "project", "years", "P50 rev M EUR", "P90 rev M EUR", "DSCR P50",
                "DSCR P90", "P(DSCR<1.2)", "P(DSCR<1.0)");
    for (const auto& p : a.appraisals) {
      if (!p.risk) continue;
      const auto& r = *p.risk;
      const auto cell = [](const std::optional<double>& v, const char* f) { return v ? fmt::format(fmt::runtime(f), *v) : std::string("-"); };
      const auto percent = [](const std::optional<double>& v) { return v ? fmt::format("{:.0f} %", 100 * *v) : std::string("-"); };
      std::printf("%-28s %6zu %14.1f %14.1f %10s %10s %12s %12s\n", p.name.c_str(), r.years, r.p50_revenue_eur / 1e6,
                  r.p90_revenue_eur / 1e6, cell(r.dscr_p50, "{:.2f}").c_str(), cell(r.dscr_at_p90, "{:.2f}").c_str(),
                  percent(r.probability_dscr_below_1_2).c_str(), percent(r.probability_dscr_below_1_0).c_str());
    }
  }
  if (!global.quiet && !a.appraisals.empty()) {
    const auto& f = a.accounting.portfolio;
    const auto ratio = [](const std::optional<double>& v) { return v ? fmt::format("{:.2f}", *v) : std::string("-"); };
    std::printf("\nclimate finance: %.1f M EUR committed, %.1f M public, %.1f M private (%.1f M mobilised: ratio %s), "
                "%.1f M concessional (%s of committed), grant element %s\n",
                f.committed_eur / 1e6, f.public_eur / 1e6, f.private_eur / 1e6, f.private_mobilised_eur / 1e6,
                ratio(f.mobilisation_ratio).c_str(), f.concessional_eur / 1e6,
                f.concessional_share ? fmt::format("{:.0f} %", 100 * *f.concessional_share).c_str() : "-",
                ratio(f.grant_element).c_str());
  }
  log.info("appraisal of {} projects (finance: {}) in {}/", a.appraisals.size(), finance::to_string(a.prepared.finance.mode), a.out);
  return 0;
}

int share(const GlobalOptions& global, const RunOptions& options, const std::string& project, double threshold) {
  core::Logger log = make_logger(global);
  const app::ShareOutput o = app::share(options, project, threshold, log, interrupt_requested);
  const model::Sharing& s = o.runs.sharing;
  if (!global.quiet) {
    std::printf("\nproject %s: by country, M EUR a year (Δ = with − without; compensation: + received, − paid)\n",
                s.project.c_str());
    std::printf("%-10s %10s %10s %10s %10s %10s %10s %10s %12s\n", "country", "ΔCS", "ΔPS", "ΔCR", "Δother", "ΔSEW",
                "hosted", "net", "compensation");
    double total[8] = {};
    for (const auto& c : s.countries) {
      const double other = c.delta_market_rent_eur + c.delta_policy_rent_eur;
      const double v[8] = {c.delta_consumer_surplus_eur, c.delta_producer_surplus_eur, c.delta_congestion_rent_eur, other,
                           c.delta_welfare_eur, c.hosted_cost_eur, c.net_impact_eur, c.compensation_eur};
      for (int i = 0; i < 8; ++i) total[i] += v[i];
      std::printf("%-10s %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f %12.3f%s\n", c.country.c_str(), v[0] / 1e6,
                  v[1] / 1e6, v[2] / 1e6, v[3] / 1e6, v[4] / 1e6, v[5] / 1e6, v[6] / 1e6, v[7] / 1e6,
                  c.significant ? "  *" : "");
    }
    std::printf("%-10s %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f %12.3f\n", "total", total[0] / 1e6,
                total[1] / 1e6, total[2] / 1e6, total[3] / 1e6, total[4] / 1e6, total[5] / 1e6, total[6] / 1e6,
                total[7] / 1e6);
    std::printf("* a significant beneficiary: net benefit at least %.0f %% of the total positive net benefits\n",
                100 * s.threshold);
  }
  log.info("sharing of '{}' in {}/", s.project, o.out);
  return 0;
}

int select_portfolio(const GlobalOptions& global, const RunOptions& options, const app::PortfolioRequest& request) {
  core::Logger log = make_logger(global);
  const app::PortfolioOutput o = app::portfolio(options, request, log, interrupt_requested);
  const model::PortfolioResult& portfolio = o.portfolio;
  const double budget = request.budget_eur;
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
  log.info("portfolio in {}/", o.out);
  return 0;
}

int ensemble(const GlobalOptions& global, const app::EnsembleOptions& options) {
  core::Logger log = make_logger(global);
  const app::EnsembleOutput e = app::ensemble(options, log, interrupt_requested);
  if (!global.quiet && !global.worker) {
    // The system's figures over the years: mean, P10, P50, P90 and the worst year.
    std::map<std::string, std::vector<double>> values;
    std::vector<std::string> order;
    for (const auto& y : e.years)
      for (const auto& f : y.figures)
        if (f.scope == "system") {
          if (!values.count(f.quantity)) order.push_back(f.quantity);
          values[f.quantity].push_back(f.value);
        }
    std::printf("%-22s %14s %14s %14s %14s %14s\n", "system, per year", "mean", "p10", "p50", "p90", "worst");
    for (const auto& q : order) {
      const auto s = reliability::statistics(values[q], reliability::low_is_bad(q));
      std::printf("%-22s %14.6g %14.6g %14.6g %14.6g %14.6g\n", q.c_str(), s.mean, s.p10, s.p50, s.p90, s.worst);
    }
  }
  log.info("ensemble of {} years in {}/ (plan {:.1f} s, years {:.1f} s)", e.years.size(), e.out, e.plan_s, e.years_s);
  return 0;
}

int profiles(const GlobalOptions& global, const RunOptions& options) {
  core::Logger log = make_logger(global);
  const app::ProfilesOutput p = app::profiles(options, log, interrupt_requested);
  if (!global.quiet) {
    // target: the study's figure; long-run: the climate's mean (the limit over many seeds);
    // this year: what this seed's year came out as.
    std::printf("%-28s %-6s %10s %10s %10s %10s\n", "profile", "kind", "target", "long-run", "this year", "max");
    for (const auto& s : p.study.profile_summary)
      std::printf("%-28s %-6s %10.4g %10.4g %10.4g %10.4g\n", s.name.c_str(), s.kind.c_str(), s.target, s.long_run,
                  s.achieved, s.max);
  }
  log.info("wrote {} profiles of {} snapshots into {}/", p.study.series.names.size(), p.study.snapshots(), p.out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Under mpirun: MPI, and this process's rank (README, "Decomposition by time": over MPI).
  const core::MpiSession mpi(argc, argv);
  const core::Ranks& ranks = mpi.ranks();
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
    cmd->add_option("--decompose", o.decompose,
                    "Decomposition by time: auto (Benders where the study is large), none (one LP) or benders "
                    "(default: the study's, else auto)")
        ->check(decompose_check);
    cmd->add_option("--subperiod-hours", o.subperiod_hours,
                    "Benders: hours per subperiod, in (0, 8784] (default: the study's, else 168)")
        ->check(number_where(model::valid_subperiod_hours,
                             fmt::format("hours in (0, {:g}]", model::limits::hours.max)));
    cmd->add_option("--gap", o.gap, "Benders: the relative gap to stop at, in (0, 1) (default: the study's, else 1e-4)")
        ->check(number_where(model::valid_gap, "a relative gap in (0, 1)"));
    cmd->add_option("--max-iterations", o.max_iterations,
                    "Benders: at most this many iterations, 1 to 100000 (default: the study's, else 500)")
        ->check(iterations_check);
    cmd->add_option("--stabilisation", o.stabilisation,
                    "Benders: in-out stabilisation, in [0, 1) with 0 = none (default: the study's, else 0.5)")
        ->check(number_where(model::valid_stabilisation, "a number in [0, 1) (0 = no stabilisation)"));
    cmd->add_flag("--strict", o.strict, "Treat unknown keys in the study as errors");
    cmd->add_option("--seed", o.seed, "Weather year: the seed of the weather generator (default: the study's)")
        ->check(seed_check);
    cmd->add_option("--scenario", o.scenario, "Apply the study's scenario overlay of this name (its 'scenarios' mapping)");
    cmd->add_option("--resolution", o.resolution,
                    "Snapshot length, e.g. 1h or 3h: profiles are averaged over blocks (default: the study's)")
        ->check(resolution_check);
    cmd->add_option("--aggregate", o.aggregate,
                    "Time-series aggregation for fast screening: segments:N, N chronological segments of variable "
                    "length after the resolution (storage constraints unchanged)")
        ->check(aggregate_check);
    cmd->add_option("--finance", o.finance,
                    "Project finance: as-given (each project's tranches), commercial (grants and concessional loans "
                    "replaced by commercial debt) or none (the study's discount rate)")
        ->check(CLI::IsMember({"as-given", "commercial", "none"}));
    cmd->add_flag("--report", o.report, "Also write report.html (the HTML report) into the result folder");
  };
  add_solve_options(run_cmd, run_options, "results/<study name>");
  run_cmd->add_flag("--break-even", run_options.break_even,
                    "Verify each candidate's break-even cost reduction (candidates.json) by solving again with its annuity "
                    "lowered (a few solves per candidate)");
  run_cmd->add_option("--weather-years", run_options.weather_years,
                      "One build-out over K weather years with equal weight (seeds seed … seed + K − 1), 1 to 100 "
                      "(default: the study's weather.years, else 1)")
      ->check(CLI::Range(1, 100));
  run_cmd->add_option("--threads", run_options.threads,
                      "Benders: subperiods solved at a time in each process, 1 to 1024 (default: one per core)")
      ->check(CLI::Range(1, 1024));

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
  std::string appraise_ensemble;
  appraise_cmd->add_option("--ensemble", appraise_ensemble,
                           "A result folder of silkgrid ensemble: P50/P90 revenue, DSCR at P90 and the probability of DSCR "
                           "below 1.2 and 1.0 for each project");

  RunOptions share_options;
  std::string share_project;
  double share_threshold = 0.1;
  CLI::App* share_cmd = app.add_subcommand(
      "share", "Who gains, who pays: a project's welfare by country with and without it, and the cross-border cost allocation");
  share_cmd->footer(
      "Examples:\n  silkgrid share --project caspian-cable --resolution 24h\n"
      "  silkgrid share my-study --project black-sea-cable --threshold 0.05 --out share-bsc");
  add_solve_options(share_cmd, share_options, "results/<study name>-share-<project>");
  share_cmd->add_option("--project", share_project, "The project (a name in the study's projects)")->required();
  share_cmd->add_option("--threshold", share_threshold,
                        "Significance threshold: the share of the total positive net benefits a country must have to pay "
                        "compensation (default 0.1)")
      ->check(CLI::Range(0.0, 1.0));

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

  app::EnsembleOptions ensemble_options;
  std::string ensemble_outages = "on";
  CLI::App* ensemble_cmd = app.add_subcommand(
      "ensemble", "Dispatch the build-out over many weather years with outages: reliability, prices, P50/P90 for lenders");
  ensemble_cmd->footer(
      "Examples:\n  silkgrid ensemble --years 100 --out results/corridor-ensemble\n"
      "  silkgrid ensemble --years 20 --capacities results/corridor --outages off\n"
      "  mpirun -np 2 silkgrid ensemble --years 100        # years spread over processes, the same files");
  add_solve_options(ensemble_cmd, ensemble_options.study, "results/<study name>-ensemble");
  ensemble_cmd->add_option("--years", ensemble_options.years, "Weather years, 1 to 10000 (default 10)")
      ->check(CLI::Range(1, 10000));
  ensemble_cmd->add_option("--outages", ensemble_outages, "Forced outages of units and circuits (default: on)")
      ->check(CLI::IsMember({"on", "off"}));
  ensemble_cmd->add_option("--capacities", ensemble_options.capacities,
                           "A result folder of run (or ensemble) whose capacities every year is dispatched at (default: "
                           "the study's build-out, solved first)");
  ensemble_cmd->add_option("--threads", ensemble_options.threads, "Years at a time in each process, 1 to 1024 (default: one per core)")
      ->check(CLI::Range(1, 1024));

  RunOptions coalitions_options;
  app::CoalitionsOptions coalition_game;
  CLI::App* coalitions_cmd = app.add_subcommand(
      "coalitions", "Who gains from cooperation: every coalition's value, the Shapley value, the core and the least core");
  coalitions_cmd->footer(
      "Examples:\n  silkgrid coalitions --resolution 24h --out results/coalitions\n"
      "  silkgrid coalitions my-study --countries AZ,GE,RO");
  add_solve_options(coalitions_cmd, coalitions_options, "results/<study name>-coalitions");
  coalitions_cmd->add_option("--countries", coalition_game.countries, "The players (default: every country of the study), 2 to 63")
      ->delimiter(',');
  coalitions_cmd->add_option("--threads", coalition_game.threads, "Coalitions solved at a time in each process (default: one per core)")
      ->check(CLI::Range(1, 1024));
  coalitions_cmd
      ->add_option("--samples", coalition_game.samples,
                   "Estimate the Shapley value from this many sampled orders of arrival, with its standard error "
                   "(default: exact over every coalition up to 10 countries, 1000 orders beyond)")
      ->check(CLI::Range(1, 1000000));
  coalitions_cmd->add_option("--sample-seed", coalition_game.seed, "Seed of the sampled orders (default: 1)")->check(seed_check);

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
  profiles_cmd->add_option("--scenario", profile_options.scenario, "Apply the study's scenario overlay of this name");
  profiles_cmd->add_option("--resolution", profile_options.resolution,
                           "Average into blocks of this length (default: the series' own step, a weather year's hours)")
      ->check(resolution_check);

  RunOptions convert_options;
  std::string convert_to;
  CLI::App* convert_cmd = app.add_subcommand("convert", "Write a study in another tool's format (a PyPSA CSV folder)");
  convert_cmd->footer(
      "Examples:\n  silkgrid convert --to pypsa corridor-pypsa          # the default study, for pypsa.Network()\n"
      "  silkgrid convert my-study --to pypsa my-study-pypsa --resolution 3h\n"
      "capital_cost is the annuity run optimises (under --finance); what the CSV format cannot hold is in the\n"
      "folder's silkgrid_constraints.py, for n.optimize(extra_functionality=...) (README, \"PyPSA networks\").");
  convert_cmd->add_option("study", convert_options.study,
                          "Study file or folder, or builtin:NAME (default: the default study when only DIR is given)")
      ->required();
  convert_cmd->add_option("dir", convert_options.out, "Folder to write the PyPSA CSV files into");
  convert_cmd->add_option("--to", convert_to, "Target format: pypsa")->required()->check(CLI::IsMember({"pypsa"}));
  convert_cmd->add_option("--seed", convert_options.seed, "Weather year (default: the study's)")->check(seed_check);
  convert_cmd->add_option("--scenario", convert_options.scenario, "Apply the study's scenario overlay of this name");
  convert_cmd->add_option("--resolution", convert_options.resolution, "Snapshot length, e.g. 3h (default: the study's)")
      ->check(resolution_check);
  convert_cmd->add_option("--finance", convert_options.finance,
                          "Project finance in capital_cost, as for run: as-given (default), commercial or none")
      ->check(CLI::IsMember({"as-given", "commercial", "none"}));

  std::string init_study = "corridor", init_folder;
  CLI::App* init_cmd = app.add_subcommand("init", "Copy a built-in study into a folder, to edit and run");
  init_cmd->footer("Example:\n  silkgrid init my-study && silkgrid run my-study");
  init_cmd->add_option("folder", init_folder, "Folder to write study.yaml and its CSV files into")->required();
  init_cmd->add_option("--study", init_study, "Built-in study to copy: corridor (the default study) or demo");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (!ranks.root()) return e.get_exit_code() == 0 ? 0 : exit_usage;  // rank 0 prints it
    const int code = app.exit(e);
    return code == 0 ? 0 : exit_usage;
  }
  if (!ranks.root()) {
    // Only run, appraise and portfolio spread their work over ranks; the others are rank 0's.
    if (!(*run_cmd || *appraise_cmd || *portfolio_cmd || *ensemble_cmd || *coalitions_cmd)) return 0;
    global.worker = true;
    global.quiet = true;
  }
  for (RunOptions* o : {&run_options, &appraise_options, &portfolio_options, &ensemble_options.study, &coalitions_options})
    o->ranks = &ranks;
  ensemble_options.outages = ensemble_outages == "on";
  // An error ends every rank of a run over MPI at once (MPI_Abort), so that none waits on it.
  const auto fail = [&](int code) {
    if (ranks.distributed()) ranks.abort(code);
    return code;
  };

  // The commands that write a result folder stop cleanly on Ctrl-C; the others keep the default.
  if (*run_cmd || *portfolio_cmd || *appraise_cmd || *profiles_cmd || *convert_cmd || *ensemble_cmd || *coalitions_cmd || *share_cmd)
    stop_on_interrupt();
  try {
    if (*run_cmd) return run(global, run_options);
    if (*ensemble_cmd) return ensemble(global, ensemble_options);
    if (*share_cmd) return share(global, share_options, share_project, share_threshold);
    if (*coalitions_cmd) {
      core::Logger log = make_logger(global);
      const app::CoalitionsOutput c = app::coalitions(coalitions_options, coalition_game, log, interrupt_requested);
      if (!global.quiet && !global.worker) {
        if (c.sampled) {
          std::printf("%-12s %16s %16s\n", "country", "Shapley EUR/yr", "std. error");
          for (std::size_t i = 0; i < c.countries.size(); ++i)
            std::printf("%-12s %16.6g %16.6g\n", c.countries[i].c_str(), c.shapley_eur[i], c.shapley_standard_error_eur[i]);
          std::printf("value of the grand coalition: %.6g EUR/yr; Shapley estimated from %d sampled orders; "
                      "core violations among the %zu coalitions solved: %zu\n",
                      c.grand_value_eur, c.samples, c.value_eur.size(), c.violations.size());
        } else {
          std::printf("%-12s %16s %16s\n", "country", "Shapley EUR/yr", "least core");
          for (std::size_t i = 0; i < c.countries.size(); ++i)
            std::printf("%-12s %16.6g %16.6g\n", c.countries[i].c_str(), c.shapley_eur[i], c.least_core_eur[i]);
          std::printf("value of the grand coalition: %.6g EUR/yr; Shapley in the core: %s; least-core epsilon %.6g EUR/yr\n",
                      c.grand_value_eur, c.violations.empty() ? "yes" : "no", c.least_core_epsilon_eur);
        }
      }
      log.info("coalitions in {}/ ({:.1f} s)", c.out, c.seconds);
      return 0;
    }
    if (*portfolio_cmd)
      return select_portfolio(global, portfolio_options, {budget, candidates, portfolio_objective, portfolio_threads});
    if (*appraise_cmd)
      return appraise_projects(global, appraise_options, !no_system_value, appraise_threads, appraise_ensemble);
    if (*init_cmd) {
      core::Logger log = make_logger(global);
      app::init(init_study, init_folder, log);
      return 0;
    }
    if (*compare_cmd) {
      core::Logger log = make_logger(global);
      const app::CompareOutput c = app::compare(compare_a, compare_b, compare_out);
      if (!global.quiet) std::fputs(report::differences_table(c.differences, c.label_a, c.label_b).c_str(), stdout);
      log.info("differences in {}", c.file);
      return 0;
    }
    if (*report_cmd) {
      core::Logger log = make_logger(global);
      log.info("report: {}", app::report(report_dir));
      return 0;
    }
    if (*convert_cmd) {
      core::Logger log = make_logger(global);
      app::convert(convert_options, convert_to, log, interrupt_requested);
      return 0;
    }
    if (*profiles_cmd) return profiles(global, profile_options);
  } catch (const core::Error& e) {
    if (global.worker) {
      // Bad input is every rank's alike, and rank 0 says it; anything else may be this rank's alone.
      if (e.kind() != core::ErrorKind::input && e.kind() != core::ErrorKind::interrupted)
        std::fprintf(stderr, "rank %d: error: %s\n", ranks.rank(), e.what());
      return fail(core::exit_code(e.kind()));
    }
    clear_status_line();
    std::fprintf(stderr, "error: %s\n", e.what());
    return fail(core::exit_code(e.kind()));
  } catch (const std::exception& e) {
    clear_status_line();
    if (global.worker) std::fprintf(stderr, "rank %d: ", ranks.rank());
    std::fprintf(stderr, "error: internal: %s\n", e.what());
    return fail(core::exit_code(core::ErrorKind::internal));
  }
  return 0;
}
