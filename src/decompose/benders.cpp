#include "decompose/benders.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <thread>

#include "core/error.hpp"
#include "core/ranks.hpp"
#include "formulate/family.hpp"
#include "lp/solver.hpp"
#include "model/costs.hpp"
#include "model/limits.hpp"

namespace silkgrid::decompose {

std::vector<Window> subperiods(const core::TimeAxis& time, double hours, int years) {
  std::vector<Window> out;
  Window w;
  double filled = 0;
  const std::size_t per_year = years > 1 ? time.size() / static_cast<std::size_t>(years) : time.size();
  for (std::size_t t = 0; t < time.size(); ++t) {
    if (w.count == 0) w.first = t;
    ++w.count;
    filled += time.weights[t] * std::max(1, years);  // stacked years weigh 1/years each
    if (filled >= hours * (1.0 - 1e-12) || (t + 1) % per_year == 0) {
      out.push_back(w);
      w = {};
      filled = 0;
    }
  }
  if (w.count > 0) out.push_back(w);
  return out;
}

Choice choose(const model::Study& study) {
  switch (study.solver.decomposition) {
    case model::Decomposition::none: return {false, "the monolithic LP, as asked"};
    case model::Decomposition::benders: return {true, "Benders decomposition, as asked"};
    case model::Decomposition::automatic: break;
  }
  const std::size_t n = study.snapshots();
  const std::size_t k = subperiods(study.time, study.solver.subperiod_hours, study.weather_years).size();
  if (n >= automatic_snapshots && k >= 2)
    return {true, fmt::format("Benders decomposition (automatic: {} snapshots, at least {}; {} subperiods of {:g} h)", n,
                              automatic_snapshots, k, study.solver.subperiod_hours)};
  return {false, fmt::format("the monolithic LP (automatic: {} snapshots, fewer than {} or one subperiod)", n,
                             automatic_snapshots)};
}

Settings settings_of(const model::SolverOptions& options) {
  Settings s;
  s.subperiod_hours = options.subperiod_hours;
  s.gap = options.gap;
  s.max_iterations = options.max_iterations;
  s.stabilisation = options.stabilisation;
  s.threads = options.threads;
  return s;
}

namespace {

using clock = std::chrono::steady_clock;
double seconds_since(clock::time_point start) { return std::chrono::duration<double>(clock::now() - start).count(); }

// Where a coupling column of a subproblem takes its value from: a master column, or a constant.
// The column is tied to it by an elastic row column + over − short = value (the slacks at a
// penalty), so that every subproblem is feasible at every master point; the row's dual is the
// subproblem's derivative in the value (the cut's coefficient).
struct Link {
  int column = -1;  // in the subproblem
  int master = -1;  // the master column; -1: `value`
  double value = 0;
  int row = -1;     // the elastic row; -1: the column is fixed by its bounds (a capacity)
  double penalty = 0;
  int policy = -1;  // a budget: its policy
};

struct Subproblem {
  Window window;
  formulate::Built built;
  std::unique_ptr<lp::Model> model;
  std::vector<Link> links;
  double theta_lower = 0;
  lp::Solution last, best;
  std::string failure;
  // Where no operation fits the master's point (a capacity below what the window needs): the
  // feasibility problem, the least total deviation of the coupled values from the point, built
  // once when first needed; its value and duals give a feasibility cut.
  std::unique_ptr<lp::Model> feasibility;
  std::vector<int> feasibility_rows;  // per link, its elastic row in the feasibility problem
  bool infeasible = false;
  double deviation = 0;
  std::vector<std::pair<int, double>> feasibility_gradient;
  std::vector<int> slacks;  // the coupling slacks of `built.lp` (elastic rows, end levels, budgets)
  std::vector<int> budget_slacks;  // those of the budgets (a subset of `slacks`)
  // At the last point: per policy, what the window achieved (renewable MWh, CO2 t; budget
  // policies only), and what its budget slacks cost.
  std::vector<double> achieved;
  double budget_penalty = 0;
  // The same at the best point.
  std::vector<double> best_achieved;
  double best_budget_penalty = 0;
  // The window's prices at the best point (price()); status error: none, `best`'s own.
  lp::Solution priced;
};

bool is_budget_policy(model::PolicyKind kind) {
  return kind == model::PolicyKind::co2_cap || kind == model::PolicyKind::min_renewable_share;
}

// The penalties of the coupling slacks: above the marginal values that an optimum gives a
// stored MWh, a renewable MWh or a tonne of CO2 (10 × VOLL per MWh; per t over an emission
// factor of at least 0.1 t/MWh), and no higher, so that the cuts stay well scaled.
formulate::Coupling penalties(const model::Study& study) {
  // A study without load shedding (a PyPSA network: VOLL infinite) takes 10,000 EUR/MWh here.
  const double given = study.settings.voll_eur_per_mwh;
  const double voll = std::max(std::isfinite(given) ? given : 1e4, 1000.0);
  double lowest = 1.0;
  for (std::size_t g = 0; g < study.generators.size(); ++g) {
    const double f = model::co2_t_per_mwh(study, g);
    if (f > 0) lowest = std::min(lowest, f);
  }
  return {10.0 * voll, 10.0 * voll / std::max(lowest, 0.1)};
}

class Benders {
 public:
  Benders(const model::Study& study, const formulate::SolveStudyOptions& options, const Settings& settings,
          core::Logger& log)
      : study_(study), options_(options), settings_(settings), log_(log), ranks_(options.ranks ? *options.ranks : single_) {}

  model::Results run();

 private:
  void build_master();
  void build_subproblems();
  void bound();
  void solve_master_loop();
  void serve();
  void evaluate(const std::vector<double>& point);
  std::vector<std::string> exchange(const std::string& mine);
  void feasibility_cut(Subproblem& sub, const std::vector<double>& point, core::Logger& log);
  double capex_of(const std::vector<double>& point) const;
  model::Results finish();
  void polish();
  void price();
  model::Results assemble() const;
  // Subperiod k is solved by rank k mod size (round robin: each rank gets every season).
  bool owns(std::size_t k) const { return static_cast<int>(k % static_cast<std::size_t>(ranks_.size())) == ranks_.rank(); }

  const model::Study& study_;
  const formulate::SolveStudyOptions& options_;
  Settings settings_;
  core::Logger& log_;
  formulate::Coupling coupling_;
  std::vector<Window> windows_;

  formulate::Built master_built_;
  lp::LinearProgram master_lp_;
  std::vector<int> theta_;                     // per subperiod
  std::vector<std::vector<Link>> level_;       // [storage][boundary 0..K]: column or constant
  std::vector<std::vector<int>> budget_;       // [policy][subperiod]: column, or empty for other policies
  std::vector<int> budget_row_;                // per policy: the master's Σ row, or -1
  std::vector<Subproblem> subs_;
  double scale_ = 1;  // EUR per unit of the master's objective
  std::vector<double> values_;                 // the subproblems' objectives at the last point
  std::vector<std::vector<std::pair<int, double>>> gradients_;  // per subproblem: (master column, g)

  // Over MPI (core::Ranks): rank 0 solves the master and sends each point; every rank solves
  // its own subperiods there, and every rank learns every subperiod's value and cut (an
  // all-gather), so that all keep the same best point. One process: the same, without messages.
  static inline const core::Ranks single_{};
  const core::Ranks& ranks_;
  std::chrono::steady_clock::time_point start_;
  int workers_ = 1;
  double best_waived_ = 0;  // the budget penalties that the best point's yearly limits waive
  bool mip_ = false;  // the master has binary choices (Cbc at every iteration; no duals)
  double best_upper_ = lp::infinity;
  std::vector<double> best_point_;
  double exchange_s_ = 0;  // waiting for and exchanging with the other ranks, in this iteration
  lp::Solution master_solution_;
  model::DecompositionReport report_;
};

// What a rank tells the others: the commands from rank 0, and the per-subperiod records of an
// exchange (its status: solved, infeasible at the point with a feasibility cut, failed, or
// skipped because Ctrl-C was pressed).
enum class Command : std::uint8_t { evaluate = 1, finish = 2 };
enum class Outcome : std::uint8_t { solved = 0, infeasible = 1, failed = 2, interrupted = 3 };

void put_pairs(core::Writer& w, const std::vector<std::pair<int, double>>& pairs) {
  w.put<std::uint64_t>(pairs.size());
  for (const auto& [m, g] : pairs) {
    w.put<std::int32_t>(m);
    w.put<double>(g);
  }
}
std::vector<std::pair<int, double>> get_pairs(core::Reader& r) {
  std::vector<std::pair<int, double>> pairs(r.get<std::uint64_t>());
  for (auto& [m, g] : pairs) {
    m = r.get<std::int32_t>();
    g = r.get<double>();
  }
  return pairs;
}
void put_solution(core::Writer& w, const lp::Solution& s) {
  w.put<double>(s.objective);
  w.put<std::int32_t>(s.iterations);
  w.put(s.col_value);
  w.put(s.row_activity);
  w.put(s.row_dual);
  w.put(s.col_reduced_cost);
}
// What the slacks `columns` of a window cost in `solution`.
double slack_cost(const Subproblem& sub, const std::vector<int>& columns, const lp::Solution& solution) {
  double sum = 0;
  for (int j : columns) sum += sub.built.lp.cost[static_cast<std::size_t>(j)] * solution.col_value[static_cast<std::size_t>(j)];
  return sum;
}

// Fixes a window's coupling columns at a master point: an elastic row's right-hand side, else
// the column's bounds; `budget(link)` may give a budget's link another value.
template <typename Budget>
void fix_links(Subproblem& sub, const std::vector<double>& point, Budget&& budget) {
  for (const Link& link : sub.links) {
    double v = link.master >= 0 ? point[static_cast<std::size_t>(link.master)] : link.value;
    if (link.policy >= 0) v = budget(link, v);
    if (link.row >= 0) sub.model->set_row_bounds(link.row, v, v);
    else sub.model->set_column_bounds(link.column, v, v);
  }
}
void fix_links(Subproblem& sub, const std::vector<double>& point) {
  fix_links(sub, point, [](const Link&, double v) { return v; });
}

lp::Solution get_solution(core::Reader& r) {
  lp::Solution s;
  s.status = lp::Status::optimal;
  s.objective = r.get<double>();
  s.iterations = r.get<std::int32_t>();
  s.col_value = r.get_doubles();
  s.row_activity = r.get_doubles();
  s.row_dual = r.get_doubles();
  s.col_reduced_cost = r.get_doubles();
  return s;
}

void Benders::build_master() {
  formulate::BuildOptions options;
  options.scope.investment_only = true;
  options.capital = options_.capital;
  options.scope.candidates = options_.candidates;  // portfolio selection: the binary choices are the master's
  master_built_ = formulate::build(study_, options);
  mip_ = std::find(master_built_.lp.integer.begin(), master_built_.lp.integer.end(), 1) != master_built_.lp.integer.end();
  master_lp_ = master_built_.lp;
  const std::size_t K = windows_.size();
  for (std::size_t k = 0; k < K; ++k) theta_.push_back(lp::add_column(master_lp_, -lp::infinity, lp::infinity, 1.0));

  // Storage levels at the boundaries: boundary b is the level after the last snapshot of
  // window b − 1 (b = 0: before the first snapshot).
  const auto& st = study_.storage;
  const std::size_t T = study_.snapshots();
  std::vector<lp::Row> rows;
  level_.assign(st.size(), std::vector<Link>(K + 1));
  for (std::size_t s = 0; s < st.size(); ++s) {
    const int capacity = master_built_.capacity_column({model::AssetKind::storage, static_cast<int>(s)});
    const double fixed_capacity = st.invest.p_nom_mw[s];
    auto bounded_level = [&](std::size_t t) {
      const double lo_pu = st.level_min_pu[s].at(study_.series, t), hi_pu = st.level_max_pu[s].at(study_.series, t);
      const double set = st.level_set_mwh[s].at(study_.series, t);
      double lower = lo_pu < 0 ? -lp::infinity : 0.0, upper = lp::infinity;
      if (model::is_given(set)) lower = upper = set;
      const double mh = st.max_hours[s];
      if (capacity < 0) {
        upper = std::min(upper, hi_pu * mh * fixed_capacity);
        if (lo_pu != 0) lower = std::max(lower, lo_pu * mh * fixed_capacity);
      }
      const int j = lp::add_column(master_lp_, lower, upper, 0.0);
      if (capacity >= 0) {
        rows.push_back(lp::Row{-lp::infinity, 0.0, {{j, 1.0}, {capacity, -hi_pu * mh}}});
        if (lo_pu != 0) rows.push_back(lp::Row{0.0, lp::infinity, {{j, 1.0}, {capacity, -lo_pu * mh}}});
      }
      return j;
    };
    const bool cyclic = st.cyclic[s] != 0;
    if (cyclic) {
      level_[s][0].master = bounded_level(T - 1);
      level_[s][K].master = level_[s][0].master;
    } else {
      // initial_mwh, with no standing loss over the first snapshot (as in PyPSA); the window's
      // start column is kept over it, hence the division.
      const double keep = formulate::storage_keep(study_, s, 0);
      if (!(keep > 0) && st.initial_mwh[s] != 0)
        throw core::Error(core::ErrorKind::input, core::Context{study_.file, 0, 0, "storage"},
                          fmt::format("storage '{}': loses its whole level in the first snapshot; the decomposition cannot "
                                      "start it from initial_mwh: solve it as one LP (--decompose none)",
                                      st.name[s]));
      level_[s][0].value = keep > 0 ? st.initial_mwh[s] / keep : 0.0;
      level_[s][K].master = bounded_level(T - 1);
    }
    for (std::size_t b = 1; b < K; ++b) level_[s][b].master = bounded_level(windows_[b].first - 1);
  }

  // Budgets: Σ_k b_pk ≤ the cap (CO2), ≥ the share of the demand (renewables).
  const auto& pol = study_.policies;
  budget_.assign(pol.size(), {});
  budget_row_.assign(pol.size(), -1);
  const model::Matrix load = formulate::region_load(study_);
  for (std::size_t p = 0; p < pol.size(); ++p) {
    if (!is_budget_policy(pol.kind[p])) continue;
    lp::Row sum;
    if (pol.kind[p] == model::PolicyKind::co2_cap) {
      // Window 0 counts a non-cyclic storage's start column (initial / keep) where the whole
      // horizon counts initial_mwh: the budgets may exceed the cap by the difference.
      bool negative = false;
      double correction = 0;
      for (std::size_t g = 0; g < study_.generators.size(); ++g)
        if (formulate::in_regions(pol.regions[p], study_.generators.region[g]) && model::co2_t_per_mwh(study_, g) < 0) negative = true;
      for (std::size_t s = 0; s < st.size(); ++s) {
        if (!formulate::in_regions(pol.regions[p], st.region[s]) || st.carrier[s] < 0) continue;
        const double co2 = study_.carriers.co2_t_per_mwh_fuel[static_cast<std::size_t>(st.carrier[s])];
        if (co2 != 0) negative = true;
        if (!st.cyclic[s]) correction += co2 * (level_[s][0].value - st.initial_mwh[s]);
      }
      const double cap = pol.value[p] + correction;
      for (std::size_t k = 0; k < K; ++k) {
        budget_[p].push_back(lp::add_column(master_lp_, negative ? -lp::infinity : 0.0, negative ? lp::infinity : std::max(cap, 0.0), 0.0));
        sum.entries.push_back({budget_[p].back(), 1.0});
      }
      sum.lower = -lp::infinity;
      sum.upper = cap;
    } else {
      double demand = 0;
      for (int r : pol.regions[p])
        for (std::size_t t = 0; t < T; ++t) demand += study_.time.weights[t] * load(static_cast<std::size_t>(r), t);
      const double required = pol.value[p] * demand;
      for (std::size_t k = 0; k < K; ++k) {
        budget_[p].push_back(lp::add_column(master_lp_, 0.0, std::max(required, 0.0), 0.0));
        sum.entries.push_back({budget_[p].back(), 1.0});
        // No window can promise more renewable energy than its generators can give.
        lp::Row available{-lp::infinity, 0.0, {{budget_[p].back(), 1.0}}};
        const auto& gen = study_.generators;
        for (std::size_t g = 0; g < gen.size(); ++g) {
          if (!formulate::counts_toward_share(study_, p, g)) continue;
          double energy = 0;  // MWh per MW over the window
          for (std::size_t t = windows_[k].first; t < windows_[k].first + windows_[k].count; ++t)
            energy += study_.time.weights[t] * std::max(0.0, gen.p_max_pu[g].at(study_.series, t));
          const int column = master_built_.capacity_column({model::AssetKind::generator, static_cast<int>(g)});
          if (column >= 0) available.entries.push_back({column, -energy});
          else available.upper += energy * gen.invest.p_nom_mw[g];
        }
        rows.push_back(available);
      }
      sum.lower = required;
      sum.upper = lp::infinity;
    }
    budget_row_[p] = master_lp_.num_rows + static_cast<int>(rows.size());
    rows.push_back(sum);
  }
  lp::add_rows(master_lp_, rows);
}

void Benders::build_subproblems() {
  const std::size_t K = windows_.size();
  subs_.resize(K);
  lp::SolveOptions solver = options_.solver;
  solver.presolve = true;  // the first, cold solve only (hourly: 28 s against 46 s without); later ones resume from the basis
  solver.method = core::SolverMethod::dual;
  solver.progress = false;
  solver.time_limit_s = 0;
  const auto& st = study_.storage;
  tbb::parallel_for(std::size_t{0}, K, [&](std::size_t k) {
    Subproblem& sub = subs_[k];
    sub.window = windows_[k];
    formulate::BuildOptions options;
    options.scope.first = sub.window.first;
    options.scope.count = sub.window.count;
    options.scope.start = formulate::Level::free;
    options.scope.end = formulate::Level::free;
    options.scope.coupling = coupling_;
    options.capital = options_.capital;
    sub.built = formulate::build(study_, options);
    // Capacities: every extendable asset's column.
    for (const auto kind : {model::AssetKind::generator, model::AssetKind::link, model::AssetKind::line,
                            model::AssetKind::storage}) {
      const std::size_t n = model::investment_of(study_, {kind, 0}).p_nom_mw.size();
      for (std::size_t i = 0; i < n; ++i) {
        const int j = sub.built.capacity_column({kind, static_cast<int>(i)});
        if (j < 0) continue;
        const int m = master_built_.capacity_column({kind, static_cast<int>(i)});
        if (m < 0) throw core::Error(core::ErrorKind::internal, "a window's capacity column has none in the master");
        sub.links.push_back({j, m, 0.0});
      }
    }
    for (std::size_t s = 0; s < st.size(); ++s) {
      Link start = level_[s][k];
      start.column = sub.built.column("storage.start", s);
      Link end = level_[s][k + 1];
      end.column = sub.built.column("storage.end", s);
      if (start.column < 0 || end.column < 0) throw core::Error(core::ErrorKind::internal, "a coupled window lacks its level columns");
      start.penalty = end.penalty = coupling_.level_penalty_eur_per_mwh;
      sub.links.push_back(start);
      sub.links.push_back(end);
    }
    for (std::size_t p = 0; p < budget_.size(); ++p) {
      if (budget_[p].empty()) continue;
      const int j = sub.built.column("policy.budget", p);
      if (j < 0) throw core::Error(core::ErrorKind::internal, "a coupled window lacks a budget column");
      sub.links.push_back({j, budget_[p][k], 0.0, -1, coupling_.budget_penalty, static_cast<int>(p)});
    }
    // The elastic rows, and the coupling columns bounded as their master columns are.
    lp::LinearProgram& lp = sub.built.lp;
    std::vector<lp::Row> rows;
    for (Link& link : sub.links) {
      const auto j = static_cast<std::size_t>(link.column);
      if (link.penalty == 0) continue;  // a capacity: fixed by its bounds at each point
      if (link.master >= 0) {
        lp.col_lower[j] = master_lp_.col_lower[static_cast<std::size_t>(link.master)];
        lp.col_upper[j] = master_lp_.col_upper[static_cast<std::size_t>(link.master)];
      } else {
        lp.col_lower[j] = lp.col_upper[j] = link.value;
      }
      const int over = lp::add_column(lp, 0.0, lp::infinity, link.penalty);
      const int short_ = lp::add_column(lp, 0.0, lp::infinity, link.penalty);
      sub.slacks.push_back(over);
      sub.slacks.push_back(short_);
      if (link.policy >= 0) {
        sub.budget_slacks.push_back(over);
        sub.budget_slacks.push_back(short_);
      }
      link.row = lp.num_rows + static_cast<int>(rows.size());
      rows.push_back(lp::Row{link.value, link.value, {{link.column, 1.0}, {over, 1.0}, {short_, -1.0}}});
    }
    lp::add_rows(lp, rows);
    for (const char* block : {"storage.short", "storage.over"})
      for (std::size_t s = 0; s < st.size(); ++s)
        if (const int j = sub.built.column(block, s); j >= 0) sub.slacks.push_back(j);
    for (std::size_t p = 0; p < study_.policies.size(); ++p)
      if (const int j = sub.built.column("policy.slack", p); j >= 0) {
        sub.slacks.push_back(j);
        sub.budget_slacks.push_back(j);
      }
    if (owns(k)) sub.model = std::make_unique<lp::Model>(lp, solver);
  });
}

// Every rank's records, in rank order, on every rank (timed as the exchange).
std::vector<std::string> Benders::exchange(const std::string& mine) {
  const auto t0 = clock::now();
  std::vector<std::string> all = ranks_.all_gather(mine);
  exchange_s_ += seconds_since(t0);
  return all;
}

// Fixes every subproblem's coupling columns at `point` (master column values) and solves this
// rank's ones, in parallel; then every rank learns every subproblem's objective and cut, and
// the best point so far is kept (with each subproblem's solution there).
void Benders::evaluate(const std::vector<double>& point) {
  const std::size_t K = subs_.size();
  values_.assign(K, 0.0);
  gradients_.assign(K, {});
  std::vector<Outcome> outcome(K, Outcome::solved);
  tbb::parallel_for(std::size_t{0}, K, [&](std::size_t k) {
    if (!owns(k)) return;
    Subproblem& sub = subs_[k];
    sub.failure.clear();
    sub.infeasible = false;
    if (options_.solver.cancel && options_.solver.cancel->requested()) {
      outcome[k] = Outcome::interrupted;
      return;
    }
    fix_links(sub, point);
    std::string messages;
    core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
    sub.last = sub.model->solve(quiet, settings_.warm);
    if (sub.last.status == lp::Status::interrupted) {
      outcome[k] = Outcome::interrupted;
      return;
    }
    if (sub.last.status == lp::Status::infeasible) {
      feasibility_cut(sub, point, quiet);
      outcome[k] = sub.failure.empty() ? Outcome::infeasible : Outcome::failed;
      return;
    }
    if (sub.last.status != lp::Status::optimal) {
      sub.failure = lp::to_string(sub.last.status);
      outcome[k] = Outcome::failed;
      return;
    }
    values_[k] = sub.last.objective;
    // What the window achieved of each budget: its policy row's activity without the budget
    // and slack terms (renewable − b + σ ≥ 0; emissions − b − σ ≤ 0).
    sub.achieved.assign(study_.policies.size(), 0.0);
    for (std::size_t p = 0; p < study_.policies.size(); ++p) {
      const int row = sub.built.row("policy", p), b = sub.built.column("policy.budget", p),
                sigma = sub.built.column("policy.slack", p);
      if (row < 0 || b < 0 || sigma < 0) continue;
      const double co2 = study_.policies.kind[p] == model::PolicyKind::co2_cap ? 1.0 : -1.0;
      sub.achieved[p] = sub.last.row_activity[static_cast<std::size_t>(row)] + sub.last.col_value[static_cast<std::size_t>(b)] +
                        co2 * sub.last.col_value[static_cast<std::size_t>(sigma)];
    }
    sub.budget_penalty = slack_cost(sub, sub.budget_slacks, sub.last);
    std::vector<std::pair<int, double>> g;
    for (const Link& link : sub.links) {
      if (link.master < 0) continue;
      const double d = link.row >= 0 ? sub.last.row_dual[static_cast<std::size_t>(link.row)]
                                     : sub.last.col_reduced_cost[static_cast<std::size_t>(link.column)];
      // Below 1e-9 EUR per unit a coefficient is the solver's noise (a tenth of a cent over the
      // largest range a capacity has); kept, it ruins the master's conditioning.
      if (std::abs(d) < 1e-9) continue;
      auto it = std::find_if(g.begin(), g.end(), [&](const auto& e) { return e.first == link.master; });
      if (it == g.end()) g.push_back({link.master, d});
      else it->second += d;
    }
    gradients_[k] = std::move(g);
  });
  // This rank's records, then everyone's.
  core::Writer w;
  for (std::size_t k = 0; k < K; ++k) {
    if (!owns(k)) continue;
    const Subproblem& sub = subs_[k];
    w.put<std::uint64_t>(k);
    w.put<Outcome>(outcome[k]);
    w.put<double>(values_[k]);
    put_pairs(w, gradients_[k]);
    w.put<double>(sub.deviation);
    put_pairs(w, sub.feasibility_gradient);
    w.put(sub.failure);
    w.put(sub.achieved);
    w.put<double>(sub.budget_penalty);
  }
  bool interrupted = false;
  for (const std::string& bytes : exchange(w.bytes())) {
    core::Reader r(bytes);
    while (!r.done()) {
      const auto k = r.get<std::uint64_t>();
      Subproblem& sub = subs_.at(k);
      outcome[k] = r.get<Outcome>();
      values_[k] = r.get<double>();
      gradients_[k] = get_pairs(r);
      sub.deviation = r.get<double>();
      sub.feasibility_gradient = get_pairs(r);
      sub.failure = r.get_string();
      sub.achieved = r.get_doubles();
      sub.budget_penalty = r.get<double>();
      sub.infeasible = outcome[k] == Outcome::infeasible;
      if (outcome[k] == Outcome::interrupted) interrupted = true;
      if (outcome[k] == Outcome::failed && sub.failure.empty()) sub.failure = "failed";
    }
  }
  if (interrupted) throw core::Error(core::ErrorKind::interrupted, "interrupted while solving the subperiods");
  for (const Subproblem& sub : subs_)
    if (!sub.failure.empty())
      throw core::Error(core::ErrorKind::solver,
                        fmt::format("a subperiod (snapshots {} to {}) was not solved to optimality: {}", sub.window.first,
                                    sub.window.first + sub.window.count - 1, sub.failure));
  // The best point: every subperiod operable there, at the lowest total cost.
  for (const Subproblem& sub : subs_)
    if (sub.infeasible) return;
  double sum = 0;
  for (double v : values_) sum += v;
  double upper_here = capex_of(point) + sum;
  // The budgets only split a yearly limit between subperiods: where the windows' operations
  // meet every yearly limit together, a budget's slack is no violation of the planning LP, and
  // the point without its penalty is a feasible point of it (a valid, lower upper bound).
  double waived = 0;
  bool yearly_limits_hold = true;
  for (std::size_t p = 0; p < budget_row_.size(); ++p) {
    if (budget_row_[p] < 0) continue;
    double total = 0;
    for (const Subproblem& sub : subs_) total += sub.achieved.size() > p ? sub.achieved[p] : 0.0;
    const auto row = static_cast<std::size_t>(budget_row_[p]);
    const double lo = master_lp_.row_lower[row], hi = master_lp_.row_upper[row];
    const double slack = 1e-9 * std::max({1.0, std::abs(lo), std::abs(hi)});
    if ((std::isfinite(lo) && total < lo - slack) || (std::isfinite(hi) && total > hi + slack)) yearly_limits_hold = false;
  }
  if (yearly_limits_hold)
    for (const Subproblem& sub : subs_) waived += sub.budget_penalty;
  upper_here -= waived;
  if (upper_here < best_upper_) {
    best_waived_ = waived;
    best_upper_ = upper_here;
    best_point_ = point;
    for (std::size_t k = 0; k < K; ++k) {
      if (owns(k)) subs_[k].best = subs_[k].last;
      subs_[k].best_achieved = subs_[k].achieved;
      subs_[k].best_budget_penalty = subs_[k].budget_penalty;
    }
  }
}

void Benders::feasibility_cut(Subproblem& sub, const std::vector<double>& point, core::Logger& log) {
  if (!sub.feasibility) {
    // Every cost 0 but the slacks' 1; the capacities, fixed by bounds in the subproblem, become
    // elastic here too.
    lp::LinearProgram lp = sub.built.lp;
    std::fill(lp.cost.begin(), lp.cost.end(), 0.0);
    for (int j : sub.slacks) lp.cost[static_cast<std::size_t>(j)] = 1.0;
    std::vector<lp::Row> rows;
    sub.feasibility_rows.assign(sub.links.size(), -1);
    for (std::size_t l = 0; l < sub.links.size(); ++l) {
      const Link& link = sub.links[l];
      if (link.row >= 0) {
        sub.feasibility_rows[l] = link.row;
        continue;
      }
      const int over = lp::add_column(lp, 0.0, lp::infinity, 1.0);
      const int short_ = lp::add_column(lp, 0.0, lp::infinity, 1.0);
      sub.feasibility_rows[l] = lp.num_rows + static_cast<int>(rows.size());
      rows.push_back(lp::Row{0.0, 0.0, {{link.column, 1.0}, {over, 1.0}, {short_, -1.0}}});
    }
    lp::add_rows(lp, rows);
    lp::SolveOptions options = options_.solver;
    options.presolve = false;
    options.method = core::SolverMethod::dual;
    options.progress = false;
    options.time_limit_s = 0;
    sub.feasibility = std::make_unique<lp::Model>(lp, options);
  }
  for (std::size_t l = 0; l < sub.links.size(); ++l) {
    const Link& link = sub.links[l];
    const double v = link.master >= 0 ? point[static_cast<std::size_t>(link.master)] : link.value;
    sub.feasibility->set_row_bounds(sub.feasibility_rows[l], v, v);
  }
  const lp::Solution f = sub.feasibility->solve(log, true);
  if (f.status != lp::Status::optimal) {
    sub.failure = fmt::format("infeasible, and its feasibility problem {}", f.status_text);
    return;
  }
  sub.infeasible = true;
  sub.deviation = f.objective;
  sub.feasibility_gradient.clear();
  for (std::size_t l = 0; l < sub.links.size(); ++l) {
    const Link& link = sub.links[l];
    if (link.master < 0) continue;
    const double d = f.row_dual[static_cast<std::size_t>(sub.feasibility_rows[l])];
    if (std::abs(d) < 1e-12) continue;
    auto it = std::find_if(sub.feasibility_gradient.begin(), sub.feasibility_gradient.end(),
                           [&](const auto& e) { return e.first == link.master; });
    if (it == sub.feasibility_gradient.end()) sub.feasibility_gradient.push_back({link.master, d});
    else it->second += d;
  }
}

double Benders::capex_of(const std::vector<double>& point) const {
  double sum = 0;
  for (int j = 0; j < master_lp_.num_cols; ++j) {
    if (std::find(theta_.begin(), theta_.end(), j) != theta_.end()) continue;
    sum += master_lp_.cost[static_cast<std::size_t>(j)] * point[static_cast<std::size_t>(j)];
  }
  return scale_ * sum;
}

model::Results Benders::run() {
  start_ = clock::now();
  windows_ = subperiods(study_.time, settings_.subperiod_hours, study_.weather_years);
  coupling_ = penalties(study_);
  const std::size_t K = windows_.size();
  if (ranks_.root())
    log_.info("Benders decomposition: {} subperiods of {:g} h, gap {:g}, in-out λ {:g}, {} starts{}", K,
              settings_.subperiod_hours, settings_.gap, settings_.stabilisation, settings_.warm ? "warm" : "cold",
              ranks_.distributed() ? fmt::format(", over {} MPI ranks", ranks_.size()) : std::string());
  workers_ = settings_.threads > 0 ? settings_.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(workers_));

  log_.progress("decomposition: building the master and {} subperiods", K);
  build_master();
  build_subproblems();
  bound();
  // The master counts money in units of `scale_` (about a hundredth of a subperiod's cost), so
  // that its cuts' right-hand sides stay within what Clp's absolute tolerances can resolve.
  double typical = 0;
  for (const Subproblem& sub : subs_) typical += std::abs(sub.theta_lower) / static_cast<double>(K);
  scale_ = std::max(1.0, typical / 100.0);
  for (int j = 0; j < master_lp_.num_cols; ++j) master_lp_.cost[static_cast<std::size_t>(j)] /= scale_;
  for (std::size_t k = 0; k < K; ++k) {
    master_lp_.cost[static_cast<std::size_t>(theta_[k])] = 1.0;
    master_lp_.col_lower[static_cast<std::size_t>(theta_[k])] = subs_[k].theta_lower / scale_;
  }
  report_.subperiods = K;
  report_.subperiod_hours = settings_.subperiod_hours;
  report_.stabilisation = settings_.stabilisation;
  report_.warm = settings_.warm;
  report_.threads = workers_;
  report_.ranks = ranks_.size();
  if (ranks_.root()) solve_master_loop();
  else serve();
  return finish();
}

// θ_k's lower bound: subperiod k with every coupling column free within the master's bounds
// (a relaxation of it at any master point). It also gives each model its first basis.
void Benders::bound() {
  const std::size_t K = subs_.size();
  std::vector<std::string> failure(K);
  tbb::parallel_for(std::size_t{0}, K, [&](std::size_t k) {
    if (!owns(k)) return;
    Subproblem& sub = subs_[k];
    if (options_.solver.cancel && options_.solver.cancel->requested()) {
      failure[k] = "interrupted";
      return;
    }
    for (const Link& link : sub.links) {
      if (link.master < 0) continue;
      if (link.row >= 0) {
        sub.model->set_row_bounds(link.row, -lp::infinity, lp::infinity);
      } else {  // a capacity within its bounds, an unbounded one within the model's limit
        const auto m = static_cast<std::size_t>(link.master);
        sub.model->set_column_bounds(link.column, master_lp_.col_lower[m],
                                     std::min(master_lp_.col_upper[m], model::limits::capacity.max));
      }
    }
    std::string messages;
    core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
    const lp::Solution relaxed = sub.model->solve(quiet, true);
    if (relaxed.status == lp::Status::optimal) sub.theta_lower = relaxed.objective - 1e-6 * std::abs(relaxed.objective) - 1.0;
    else if (relaxed.status == lp::Status::unbounded) sub.theta_lower = -1e15;
    else failure[k] = relaxed.status_text.empty() ? lp::to_string(relaxed.status) : relaxed.status_text;
  });
  core::Writer w;
  for (std::size_t k = 0; k < K; ++k) {
    if (!owns(k)) continue;
    w.put<std::uint64_t>(k);
    w.put<double>(subs_[k].theta_lower);
    w.put(failure[k]);
  }
  for (const std::string& bytes : exchange(w.bytes())) {
    core::Reader r(bytes);
    while (!r.done()) {
      const auto k = r.get<std::uint64_t>();
      subs_.at(k).theta_lower = r.get<double>();
      failure.at(k) = r.get_string();
    }
  }
  for (std::size_t k = 0; k < K; ++k)
    if (failure[k] == "interrupted") throw core::Error(core::ErrorKind::interrupted, "interrupted while bounding the subperiods");
  for (std::size_t k = 0; k < K; ++k)
    if (!failure[k].empty())
      throw core::Error(core::ErrorKind::infeasible, core::Context{study_.file, 0, 0, ""},
                        fmt::format("subperiod {} (snapshots {} to {}) has no solution even with its capacities, levels "
                                    "and budgets free: {}; check policies and fixed p_min_pu against the load",
                                    k + 1, windows_[k].first, windows_[k].first + windows_[k].count - 1, failure[k]));
}

// Every rank but 0: solve this rank's subperiods at each point that rank 0 sends, until it
// says finish. An error on rank 0 ends the whole run (the command line's MPI_Abort).
void Benders::serve() {
  for (;;) {
    std::string message;
    ranks_.broadcast(message);
    core::Reader r(message);
    const auto command = r.get<Command>();
    if (command == Command::finish) {
      report_.iterations.resize(r.get<std::uint64_t>());
      for (auto& row : report_.iterations) row = r.get<model::DecompositionIteration>();
      report_.lower_bound_eur = r.get<double>();
      report_.gap = r.get<double>();
      report_.converged = r.get<std::uint8_t>() != 0;
      master_solution_.row_dual = r.get_doubles();
      return;
    }
    if (command != Command::evaluate) throw core::Error(core::ErrorKind::internal, "an unknown message from rank 0");
    evaluate(r.get_doubles());
  }
}

// Rank 0: the master, and the points it sends.
void Benders::solve_master_loop() {
  const std::size_t K = subs_.size();
  if (!options_.write_lp.empty()) {
    lp::write_mps(master_lp_, options_.write_lp);
    log_.info("wrote the first Benders master to {}", options_.write_lp);
  }
  lp::SolveOptions master_options = options_.solver;
  master_options.progress = false;
  master_options.tolerance = 1e-9;  // its columns span MW to TWh: Clp's 1e-7 leaves it far from optimal
  const auto send = [&](const std::vector<double>& point) {
    if (!ranks_.distributed()) return;
    core::Writer w;
    w.put<Command>(Command::evaluate);
    w.put(point);
    ranks_.broadcast(w.bytes());
  };

  double lower_bound = -lp::infinity;
  const double tolerance = settings_.gap;
  for (int it = 1; it <= settings_.max_iterations; ++it) {
    model::DecompositionIteration row;
    row.iteration = it;
    exchange_s_ = 0;
    auto t0 = clock::now();
    std::string messages;
    core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
    master_solution_ = mip_ ? lp::solve_mip(master_lp_, master_options, quiet) : lp::solve(master_lp_, master_options, quiet);
    lp::require_optimal(master_solution_, core::Context{study_.file, 0, 0, ""}, "the Benders master",
                        {"check policies (CO2 caps, renewable shares, capacity limits) against the capacities", ""});
    row.master_s = seconds_since(t0);
    lower_bound = std::max(lower_bound, scale_ * master_solution_.objective);
    const std::vector<double>& x = master_solution_.col_value;

    // The in-out separation point: between the best point so far and the master's.
    const double lambda = best_point_.empty() ? 0.0 : settings_.stabilisation;
    std::vector<double> point = x;
    if (lambda > 0)
      for (std::size_t j = 0; j < point.size(); ++j) point[j] = lambda * best_point_[j] + (1.0 - lambda) * x[j];
    t0 = clock::now();
    int cuts = 0;
    std::vector<lp::Row> new_cuts;
    for (int pass = 0; pass < 2; ++pass) {
      send(point);
      evaluate(point);
      // Windows with no operation at this point: a feasibility cut each, Σ g·x ≤ Σ g·x̂ − w
      // (normalised), and no upper bound from this point.
      bool feasible = true;
      for (const Subproblem& sub : subs_) {
        if (!sub.infeasible) continue;
        feasible = false;
        double largest = 0;
        for (const auto& [m, g] : sub.feasibility_gradient) largest = std::max(largest, std::abs(g));
        if (largest == 0) {
          throw core::Error(core::ErrorKind::infeasible, core::Context{study_.file, 0, 0, ""},
                            fmt::format("snapshots {} to {} have no feasible operation at any capacity the master can "
                                        "choose: check policies and fixed p_min_pu against the load",
                                        sub.window.first, sub.window.first + sub.window.count - 1));
        }
        lp::Row cut{-lp::infinity, -sub.deviation / largest, {}};
        for (const auto& [m, g] : sub.feasibility_gradient) {
          cut.entries.push_back({m, g / largest});
          cut.upper += g / largest * point[static_cast<std::size_t>(m)];
        }
        new_cuts.push_back(std::move(cut));
        ++cuts;
      }
      if (!feasible) {
        row.stabilised = lambda > 0 && pass == 0;
        if (lambda == 0 || pass == 1) break;
        point = x;
        continue;
      }
      // The cuts, and whether any cuts off the master's point.
      bool separates = false;
      for (std::size_t k = 0; k < K; ++k) {
        lp::Row cut{values_[k], lp::infinity, {{theta_[k], 1.0}}};
        double at_master = values_[k];
        for (const auto& [m, g] : gradients_[k]) {
          cut.entries.push_back({m, -g / scale_});
          cut.lower -= g * point[static_cast<std::size_t>(m)];
          at_master += g * (x[static_cast<std::size_t>(m)] - point[static_cast<std::size_t>(m)]);
        }
        cut.lower /= scale_;
        const double theta = scale_ * x[static_cast<std::size_t>(theta_[k])];
        if (at_master > theta + 1e-9 * std::max(1.0, std::abs(at_master))) separates = true;
        new_cuts.push_back(std::move(cut));
        ++cuts;
      }
      row.stabilised = lambda > 0 && pass == 0;
      if (lambda == 0 || separates) break;
      point = x;  // the separation point's cuts leave the master's point: separate there too
    }
    lp::add_rows(master_lp_, new_cuts);
    row.subproblems_s = seconds_since(t0) - exchange_s_;
    row.exchange_s = exchange_s_;
    row.cuts = cuts;
    row.lower_bound_eur = lower_bound;
    row.upper_bound_eur = best_upper_;
    row.gap = std::isfinite(best_upper_) ? (best_upper_ - lower_bound) / std::max(1.0, std::abs(best_upper_)) : lp::infinity;
    row.seconds = seconds_since(start_);
    report_.iterations.push_back(row);
    log_.progress("Benders iteration {}: lower {:.6e}, upper {:.6e}, gap {:.2e}", it, lower_bound, best_upper_, row.gap);
    log_.debug("Benders iteration {}: lower {:.9e}, upper {:.9e}, gap {:.3e}, master {:.2f} s, subperiods {:.2f} s, "
               "exchange {:.2f} s",
               it, lower_bound, best_upper_, row.gap, row.master_s, row.subproblems_s, row.exchange_s);
    if (row.gap <= tolerance) {
      report_.converged = true;
      break;
    }
  }
  report_.lower_bound_eur = lower_bound;
  report_.upper_bound_eur = best_upper_;
  report_.gap = report_.iterations.empty() ? 0.0 : report_.iterations.back().gap;
  if (!report_.converged)
    log_.warn("Benders stopped after {} iterations at a gap of {:.2e} (asked {:.0e}): the results are the best point found",
              settings_.max_iterations, report_.gap, tolerance);
  log_.info("Benders: {} after {} iterations in {:.2f} s, objective {:.6e} (lower bound {:.6e}, gap {:.2e})",
            report_.converged ? "converged" : "stopped", report_.iterations.size(), seconds_since(start_), best_upper_,
            lower_bound, report_.gap);
  if (best_point_.empty())
    throw core::Error(core::ErrorKind::solver, core::Context{study_.file, 0, 0, ""},
                      fmt::format("Benders found no master point that every subperiod can operate at in {} iterations: "
                                  "raise --max-iterations or solve it as one LP (--decompose none)",
                                  settings_.max_iterations));
  if (ranks_.distributed()) {
    // Finish: the report and the master's duals, for every rank to assemble the same results.
    core::Writer w;
    w.put<Command>(Command::finish);
    w.put<std::uint64_t>(report_.iterations.size());
    for (const auto& row : report_.iterations) w.put(row);
    w.put<double>(report_.lower_bound_eur);
    w.put<double>(report_.gap);
    w.put<std::uint8_t>(report_.converged ? 1 : 0);
    w.put(master_solution_.row_dual);
    ranks_.broadcast(w.bytes());
  }
}

// A window whose budget needed its slack at the best point (the yearly limits hold there: see
// evaluate) is solved again with its budgets at what it achieved, so that no penalty is left in
// its solution (its prices come from price()).
void Benders::polish() {
  tbb::parallel_for(std::size_t{0}, subs_.size(), [&](std::size_t k) {
    Subproblem& sub = subs_[k];
    if (!owns(k) || !(sub.best_budget_penalty > 0)) return;
    fix_links(sub, best_point_, [&](const Link& link, double) { return sub.best_achieved.at(static_cast<std::size_t>(link.policy)); });
    std::string messages;
    core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
    lp::Solution again = sub.model->solve(quiet, settings_.warm);
    if (again.status != lp::Status::optimal) return;  // keep the solution found, its penalty waived
    const double penalty = slack_cost(sub, sub.budget_slacks, again);
    if (again.objective - penalty > sub.best.objective - sub.best_budget_penalty + 1e-9 * std::abs(sub.best.objective)) return;
    sub.best = std::move(again);
    sub.best_budget_penalty = penalty;
  });
}

// The prices of each window at the best point, as the monolithic LP defines them: with its
// budgets priced at the master's yearly prices instead of fixed. A window's budget row is often
// tight at the best point (the master gives it what it can achieve and no more), and there its
// dual is any value between the yearly price and the slack's penalty (a kink); Clp may pick the
// penalty, 10 × VOLL, and it would show in every balance dual. Solved again with each budget
// column free and costing its yearly price π (renewable: −π per MWh, CO2: +π per t), the
// window's duals are those of the Lagrangian at π, the monolithic LP's at its optimum; its
// dispatch is not used (the best point's is the one reported).
void Benders::price() {
  std::vector<double> pi(study_.policies.size(), 0.0);
  for (std::size_t p = 0; p < budget_row_.size(); ++p)
    if (budget_row_[p] >= 0 && master_solution_.row_dual.size() > static_cast<std::size_t>(budget_row_[p]))
      pi[p] = scale_ * master_solution_.row_dual[static_cast<std::size_t>(budget_row_[p])];
  tbb::parallel_for(std::size_t{0}, subs_.size(), [&](std::size_t k) {
    Subproblem& sub = subs_[k];
    sub.priced = lp::Solution{};
    if (!owns(k)) return;
    const bool budgets = std::any_of(sub.links.begin(), sub.links.end(), [](const Link& l) { return l.policy >= 0; });
    if (!budgets) return;  // its duals at the best point are already these
    fix_links(sub, best_point_);
    for (const Link& link : sub.links) {
      if (link.policy < 0) continue;
      sub.model->set_row_bounds(link.row, -lp::infinity, lp::infinity);
      // The master's row dual y is ∂cost/∂(the yearly limit); the Lagrangian of Σ_k b_k ≥ R
      // (or ≤ cap) gives each window's budget column the cost −y (y ≥ 0 for a share, ≤ 0 for a cap).
      sub.model->set_column_cost(link.column, -pi[static_cast<std::size_t>(link.policy)]);
    }
    std::string messages;
    core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
    lp::Solution s = sub.model->solve(quiet, settings_.warm);
    if (s.status == lp::Status::optimal) sub.priced = std::move(s);
  });
}

// Every rank: the results at the best point, from each subperiod's solution there.
model::Results Benders::finish() {
  const std::size_t K = subs_.size();
  if (best_waived_ > 0) polish();
  price();
  if (ranks_.distributed()) {
    core::Writer w;
    for (std::size_t k = 0; k < K; ++k) {
      if (!owns(k)) continue;
      w.put<std::uint64_t>(k);
      put_solution(w, subs_[k].best);
      w.put<double>(subs_[k].best_budget_penalty);
      w.put<std::uint8_t>(subs_[k].priced.status == lp::Status::optimal ? 1 : 0);
      if (subs_[k].priced.status == lp::Status::optimal) put_solution(w, subs_[k].priced);
    }
    for (const std::string& bytes : exchange(w.bytes())) {
      core::Reader r(bytes);
      while (!r.done()) {
        const auto k = r.get<std::uint64_t>();
        subs_.at(k).best = get_solution(r);
        subs_.at(k).best_budget_penalty = r.get<double>();
        if (r.get<std::uint8_t>() != 0) subs_.at(k).priced = get_solution(r);
      }
    }
  }
  // The objective: the best point's annuities and its windows' costs, without the budget
  // penalties that its yearly limits waive (after polish(), what is left of them).
  double waived = 0, operation = 0;
  for (const Subproblem& sub : subs_) {
    operation += sub.best.objective;
    if (best_waived_ > 0) waived += sub.best_budget_penalty;
  }
  best_waived_ = waived;
  best_upper_ = std::min(best_upper_, capex_of(best_point_) + operation - waived);
  report_.upper_bound_eur = best_upper_;
  model::Results results = assemble();
  results.objective_eur = best_upper_;
  // The CO2 and renewable-share prices: the duals of the master's Σ budget rows.
  for (std::size_t p = 0; p < budget_row_.size(); ++p) {
    if (budget_row_[p] < 0 || master_solution_.row_dual.size() <= static_cast<std::size_t>(budget_row_[p])) continue;
    const double dual = scale_ * master_solution_.row_dual[static_cast<std::size_t>(budget_row_[p])];
    results.policy_shadow_price[p] = study_.policies.kind[p] == model::PolicyKind::co2_cap ? -dual : dual;
  }
  // Capacity policies: the master's rows.
  const model::Results master_part = formulate::extract(study_, master_built_, [&] {
    lp::Solution s = master_solution_;
    s.col_value = best_point_;
    s.col_value.resize(static_cast<std::size_t>(master_built_.lp.num_cols));
    s.col_reduced_cost.resize(static_cast<std::size_t>(master_built_.lp.num_cols));
    s.row_dual.resize(static_cast<std::size_t>(master_built_.lp.num_rows));
    s.row_activity.assign(static_cast<std::size_t>(master_built_.lp.num_rows), 0.0);
    const auto& m = master_built_.lp;
    for (int j = 0; j < m.num_cols; ++j)
      for (int e = m.start[static_cast<std::size_t>(j)]; e < m.start[static_cast<std::size_t>(j) + 1]; ++e)
        s.row_activity[static_cast<std::size_t>(m.index[static_cast<std::size_t>(e)])] +=
            m.value[static_cast<std::size_t>(e)] * best_point_[static_cast<std::size_t>(j)];
    return s;
  }());
  for (std::size_t p = 0; p < study_.policies.size(); ++p)
    if (!is_budget_policy(study_.policies.kind[p])) {
      results.policy_shadow_price[p] = scale_ * master_part.policy_shadow_price[p];
      results.policy_value[p] = master_part.policy_value[p];
    }
  // The capacities' reduced costs: the master's (in EUR, as the master counts in scale_).
  const auto rescaled = [&](std::vector<double> v) {
    for (auto& x : v) x *= scale_;
    return v;
  };
  results.generator_capacity_reduced_cost = rescaled(master_part.generator_capacity_reduced_cost);
  results.link_capacity_reduced_cost = rescaled(master_part.link_capacity_reduced_cost);
  results.line_capacity_reduced_cost = rescaled(master_part.line_capacity_reduced_cost);
  results.storage_capacity_reduced_cost = rescaled(master_part.storage_capacity_reduced_cost);
  // The candidates' choices and their budget (the master's row; its dual per EUR of budget).
  results.candidate_chosen = master_part.candidate_chosen;
  results.budget_used = master_part.budget_used;
  results.budget_shadow_price = scale_ * master_part.budget_shadow_price;
  // What the coupling slacks cost at the best point: 0 where the decomposition is exact.
  double penalty = -best_waived_;
  for (const Subproblem& sub : subs_) penalty += slack_cost(sub, sub.slacks, sub.best);
  report_.penalty_eur = penalty;
  if (best_waived_ > 0)
    log_.debug("the budget slacks at the best point (EUR {:.6e}) split the yearly limits differently from the master; "
               "the yearly limits hold, so the objective is without them",
               best_waived_);
  if (ranks_.root() && penalty > 1e-6 * std::max(1.0, std::abs(best_upper_)))
    log_.warn("the decomposition's coupling slacks cost EUR {:.6e} at the best point: a subperiod could not meet the "
              "master's storage levels or budgets (the objective includes that penalty)",
              penalty);
  results.decomposition = report_;
  results.timings.solve_s = seconds_since(start_);
  return results;
}

// The results at the best point from each subperiod's solution there, as one run over the horizon.
model::Results Benders::assemble() const {
  std::vector<model::Results> parts;
  parts.reserve(subs_.size());
  for (const Subproblem& sub : subs_) {
    parts.push_back(formulate::extract(study_, sub.built, sub.best));
    if (sub.priced.status == lp::Status::optimal)
      parts.back().region_price = formulate::extract(study_, sub.built, sub.priced).region_price;
  }
  const std::size_t T = study_.snapshots();
  model::Results out = parts.front();  // capacities, annuities and capex are the same in every part
  out.status = "optimal";
  auto widen = [&](model::Matrix& m, auto member) {
    const std::size_t rows = (parts.front().*member).rows;
    m = model::Matrix(rows, T);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const model::Matrix& part = parts[k].*member;
      for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t t = 0; t < part.cols; ++t) m(i, subs_[k].window.first + t) = part(i, t);
    }
  };
  using R = model::Results;
  for (auto member : {&R::generator_p, &R::link_forward, &R::link_backward, &R::line_flow, &R::storage_charge,
                      &R::storage_discharge, &R::storage_soc, &R::storage_spill, &R::market_export, &R::market_import,
                      &R::region_load, &R::region_unserved, &R::region_price})
    widen(out.*member, member);
  auto add = [&](auto member) {
    auto& v = out.*member;
    for (std::size_t k = 1; k < parts.size(); ++k) {
      const auto& w = parts[k].*member;
      for (std::size_t i = 0; i < v.size() && i < w.size(); ++i) v[i] += w[i];
    }
  };
  for (auto member : {&R::generator_energy_mwh, &R::generator_curtailment_mwh, &R::generator_co2_t, &R::market_exports_mwh,
                      &R::market_export_revenue_eur, &R::market_imports_mwh, &R::market_import_cost_eur, &R::region_co2_t,
                      &R::region_load_mwh, &R::region_unserved_mwh, &R::policy_value, &R::link_cbam_cost_eur,
                      &R::market_cbam_cost_eur})
    add(member);
  out.operating_cost_eur = out.import_cost_eur = out.export_revenue_eur = out.unserved_cost_eur = out.cbam_cost_eur = 0;
  out.iterations = 0;
  for (const model::Results& p : parts) {
    out.operating_cost_eur += p.operating_cost_eur;
    out.import_cost_eur += p.import_cost_eur;
    out.export_revenue_eur += p.export_revenue_eur;
    out.unserved_cost_eur += p.unserved_cost_eur;
    out.cbam_cost_eur += p.cbam_cost_eur;
    out.iterations += p.iterations;
  }
  out.lp = {};
  for (const Subproblem& sub : subs_) {
    out.lp.rows += sub.built.lp.num_rows;
    out.lp.cols += sub.built.lp.num_cols;
    out.lp.nonzeros += sub.built.lp.value.size();
  }
  return out;
}

}  // namespace

model::Results solve_benders(const model::Study& study, const formulate::SolveStudyOptions& options,
                             const Settings& settings, core::Logger& log) {
  if (!(settings.subperiod_hours > 0) || !(settings.gap > 0) || settings.max_iterations < 1 ||
      !(settings.stabilisation >= 0 && settings.stabilisation < 1))
    throw core::Error(core::ErrorKind::internal, "Benders settings out of range");
  if (study.snapshots() == 0) throw core::Error(core::ErrorKind::input, "the study has no snapshot");
  Benders benders(study, options, settings, log);
  return benders.run();
}

model::Results solve(const model::Study& study, const formulate::SolveStudyOptions& options, core::Logger& log) {
  const Choice choice = choose(study);
  if (!choice.benders) {
    if (study.solver.decomposition == model::Decomposition::automatic) log.debug("solving {}", choice.why);
    return formulate::solve_study(study, options, log);
  }
  log.info("solving by {}", choice.why);
  model::Results results = solve_benders(study, options, settings_of(study.solver), log);
  results.decomposition->why = choice.why;
  return results;
}

}  // namespace silkgrid::decompose
