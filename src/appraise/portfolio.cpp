#include "appraise/portfolio.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "appraise/parallel.hpp"
#include "core/error.hpp"
#include "decompose/benders.hpp"
#include "model/costs.hpp"

namespace silkgrid::appraise {

namespace {

using model::AssetKind;
using model::AssetRef;

double capex_per_mw(const model::Study& s, AssetRef a) {
  const auto i = static_cast<std::size_t>(a.index);
  switch (a.kind) {
    case AssetKind::generator: return model::generator_capex_eur_per_mw(s.generators, i);
    case AssetKind::link: return model::link_capex_eur_per_mw(s.links, i);
    case AssetKind::storage: return model::storage_capex_eur_per_mw(s.storage, i);
    case AssetKind::line: return s.lines.capex_eur_per_mw_km[i] * s.lines.length_km[i];
  }
  return 0.0;
}

double built_capacity(const model::Results& r, AssetRef a) {
  const auto i = static_cast<std::size_t>(a.index);
  switch (a.kind) {
    case AssetKind::generator: return r.generator_capacity_mw[i];
    case AssetKind::link: return r.link_capacity_mw[i];
    case AssetKind::storage: return r.storage_power_mw[i] > 0 ? r.storage_power_mw[i] : r.storage_energy_mwh[i];
    case AssetKind::line: return r.line_capacity_mw[i];
  }
  return 0.0;
}

// How a candidate's asset enters the decision.
struct Decided {
  AssetRef asset;
  bool all_or_nothing = false;  // a fixed asset: p_nom when chosen
  double size = 0;              // p_nom (all or nothing) or p_nom_max
};

struct Prepared {
  model::Study study;
  const finance::ProjectFinance* finance;  // the projects' finance (null where only the assets matter)
  std::vector<std::vector<Decided>> assets;  // per candidate
};

Prepared prepare(const model::Study& study, const finance::ProjectFinance* finance,
                 const std::vector<std::size_t>& candidates) {
  Prepared p{study, finance, {}};
  for (std::size_t c : candidates) {
    std::vector<Decided> decided;
    for (const AssetRef& a : study.projects.assets[c]) {
      auto& invest = model::investment_of(p.study, a);
      const auto i = static_cast<std::size_t>(a.index);
      Decided d{a, !invest.extendable[i], invest.extendable[i] ? invest.p_nom_max_mw[i] : invest.p_nom_mw[i]};
      if (!std::isfinite(d.size))
        throw core::Error(core::ErrorKind::input, core::Context{study.file, 0, 0, "projects"},
                          fmt::format("project '{}': its extendable asset needs a finite p_nom_max_mw to be a portfolio "
                                      "candidate",
                                      study.projects.name[c]));
      // Its capacity is now a decision, paid for by its annuity.
      invest.extendable[i] = 1;
      invest.p_nom_mw[i] = 0.0;
      invest.p_nom_min_mw[i] = 0.0;
      invest.p_nom_max_mw[i] = d.size;
      decided.push_back(d);
    }
    p.assets.push_back(decided);
  }
  return p;
}

// The decision, as formulate's candidate-choice family takes it (formulate/scope.hpp): per
// candidate its assets (all or nothing at p_nom, or up to p_nom_max when chosen), the
// concessional money per MW of an extendable asset and per choice for the all-or-nothing ones.
formulate::Candidates describe_choice(const Prepared& p, const std::vector<std::size_t>& candidates, double budget) {
  formulate::Candidates choice;
  choice.budget = budget;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    formulate::Candidate c;
    c.name = p.study.projects.name[candidates[k]];
    const double share = concessional_share(p.finance->terms[candidates[k]]);
    for (const Decided& d : p.assets[k]) {
      const double unit = share * capex_per_mw(p.study, d.asset);
      c.assets.push_back({d.asset, d.all_or_nothing, d.size, d.all_or_nothing ? 0.0 : unit});
      if (d.all_or_nothing) c.money_per_choice += unit * d.size;
    }
    choice.candidates.push_back(std::move(c));
  }
  return choice;
}

// The same decision with every choice fixed at `chosen`.
formulate::Candidates fixed_at(formulate::Candidates choice, const std::vector<char>& chosen) {
  for (std::size_t k = 0; k < chosen.size(); ++k) choice.candidates[k].fixed = chosen[k] != 0;
  return choice;
}

struct Solved {
  double objective = 0;
  std::vector<char> chosen;
};

// Solves the study with the binary choices of `choice` (formulate's candidate family): one MIP
// (Cbc), or, where decompose::choose says so, Benders with the choices in its master, as
// Antares-Xpansion does. Returns the choices. Writes the MIP (or the first master) to
// `write_lp` first where given.
Solved solve_portfolio(const Prepared& p, const formulate::Candidates& choice, const formulate::SolveStudyOptions& options,
                       core::Logger& log, const std::string& write_lp = "") {
  formulate::SolveStudyOptions o = options;
  o.candidates = choice;
  o.write_lp = write_lp;
  model::Results r;
  try {
    r = decompose::solve(p.study, o, log);
  } catch (const core::Error& e) {
    if (e.kind() != core::ErrorKind::infeasible) throw;
    throw core::Error(core::ErrorKind::infeasible, core::Context{p.study.file, 0, 0, "--concessional-budget-eur"},
                      fmt::format("portfolio selection has no solution: no choice of candidate projects within a "
                                  "concessional budget of EUR {:.1f} m meets the study's policies (a national target "
                                  "may need a candidate that the budget cannot fund): raise the budget, or leave such "
                                  "projects out of --candidates so that they stay as in the study ({})",
                                  choice.budget / 1e6, e.what()));
  }
  Solved s;
  s.objective = r.objective_eur;
  s.chosen = r.candidate_chosen;
  return s;
}

// The study with every choice fixed (an LP; Benders where the study is large).
model::Results solve_fixed(const Prepared& p, const formulate::Candidates& choice, const std::vector<char>& chosen,
                           const formulate::SolveStudyOptions& options, core::Logger& log) {
  formulate::SolveStudyOptions o = options;
  o.candidates = fixed_at(choice, chosen);
  o.write_lp.clear();
  return decompose::solve(p.study, o, log);
}

// Knapsack over the candidates: maximise the CO2 avoided within the budget (Cbc). `required`
// candidates are fixed in. Returns the choice, or none when the budget cannot hold them.
std::optional<std::vector<char>> knapsack(const std::vector<double>& avoided, const std::vector<double>& money,
                                          const std::vector<char>& required, double budget,
                                          const formulate::SolveStudyOptions& options, core::Logger& log) {
  lp::LinearProgram lp;
  lp.start.push_back(0);
  lp::Row row{-lp::infinity, budget, {}};
  for (std::size_t k = 0; k < avoided.size(); ++k) {
    // Most CO2 first; among equals the cheaper choice (a tie-break far below a tonne).
    const int col = lp::add_column(lp, required[k] ? 1.0 : 0.0, 1.0, -avoided[k] + 1e-9 * money[k], true);
    if (money[k] != 0) row.entries.push_back({col, money[k]});
  }
  lp::add_rows(lp, {row});
  const lp::Solution s = lp::solve_mip(lp, options.solver, log);
  if (s.status == lp::Status::infeasible) return std::nullopt;
  lp::require_optimal(s, core::Context{}, "portfolio selection (the knapsack of CO2 avoided)");
  std::vector<char> chosen;
  for (double v : s.col_value) chosen.push_back(v > 0.5 ? 1 : 0);
  return chosen;
}

}  // namespace

double concessional_share(const model::FinanceTerms& terms) {
  double share = 0;
  for (const auto& t : terms.tranches)
    if (t.kind == model::TrancheKind::concessional_debt) share += t.share;
  return share;
}

std::vector<std::size_t> candidate_projects(const model::Study& study, const PortfolioOptions& options) {
  std::vector<std::size_t> out;
  const auto& pr = study.projects;
  if (!options.candidates.empty()) {
    for (const std::string& name : options.candidates) {
      const auto at = std::find(pr.name.begin(), pr.name.end(), name);
      if (at == pr.name.end())
        throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--candidates"},
                          fmt::format("no project '{}'", name));
      out.push_back(static_cast<std::size_t>(at - pr.name.begin()));
    }
    return out;
  }
  for (std::size_t p = 0; p < pr.size(); ++p)
    if (pr.status[p] != model::ProjectStatus::construction && pr.status[p] != model::ProjectStatus::operating)
      out.push_back(p);
  return out;
}

model::Study with_choices(const model::Study& study, const std::vector<std::size_t>& candidates,
                          const std::vector<char>& chosen) {
  Prepared p = prepare(study, nullptr, candidates);
  for (std::size_t k = 0; k < candidates.size(); ++k)
    for (const Decided& d : p.assets[k]) {
      auto& invest = model::investment_of(p.study, d.asset);
      const auto i = static_cast<std::size_t>(d.asset.index);
      if (!chosen[k]) {
        invest.extendable[i] = 0;
        invest.p_nom_max_mw[i] = 0.0;
      } else if (d.all_or_nothing) {
        invest.p_nom_min_mw[i] = d.size;
      }
    }
  return p.study;
}

namespace {
// Fills the per-project part of a portfolio result from a run with the choices made.
void describe_projects(const model::Study& study, const finance::ProjectFinance& finance,
                       const std::vector<std::size_t>& candidates, const std::vector<char>& chosen,
                       PortfolioResult& out) {
  const auto& pr = study.projects;
  for (std::size_t q = 0; q < pr.size(); ++q) {
    PortfolioChoice c;
    c.name = pr.name[q];
    const auto at = std::find(candidates.begin(), candidates.end(), q);
    c.candidate = at != candidates.end();
    c.chosen = !c.candidate || chosen[static_cast<std::size_t>(at - candidates.begin())];
    for (const AssetRef& a : pr.assets[q]) {
      const double cap = built_capacity(out.results, a);
      c.capacity_mw += cap;
      c.capex_eur += capex_per_mw(study, a) * cap;
    }
    c.concessional_eur = c.candidate ? concessional_share(finance.terms[q]) * c.capex_eur : 0.0;
    if (c.candidate && c.capacity_mw <= 1e-6) c.chosen = false;  // nothing built
    out.projects.push_back(c);
  }
}
}  // namespace

namespace {
// The co2 objective: each candidate's CO2 from with/without runs, then a knapsack (Cbc).
PortfolioResult select_for_co2(const model::Study& study, const finance::ProjectFinance& finance,
                               const std::vector<std::size_t>& candidates,
                               const PortfolioOptions& options, const formulate::SolveStudyOptions& solve,
                               core::Logger& log) {
  const std::size_t n = candidates.size();
  // Every candidate built: the reference run, and each candidate's concessional need there.
  const std::vector<char> all(n, 1);
  std::string messages;
  core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
  formulate::SolveStudyOptions each = solve;
  each.write_lp.clear();  // --write-lp is the LP of the chosen portfolio, not of every with/without run
  const model::Results with_all = decompose::solve(with_choices(study, candidates, all), each, quiet);
  std::vector<double> money(n, 0.0), avoided(n, 0.0);
  std::vector<char> required(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    double capex = 0;
    for (const AssetRef& a : study.projects.assets[candidates[k]]) capex += capex_per_mw(study, a) * built_capacity(with_all, a);
    money[k] = concessional_share(finance.terms[candidates[k]]) * capex;
  }
  // Each candidate's CO2: the system without it against with all, in parallel.
  std::vector<std::string> failure(n);
  formulate::SolveStudyOptions alone = each;
  alone.ranks = nullptr;  // each run in one process (distributed_runs spreads the runs over ranks)
  distributed_runs(n, options.threads, solve.solver.cancel, solve.ranks, [&](std::size_t k) {
    std::vector<char> others(n, 1);
    others[k] = 0;
    std::string text;
    core::Logger silent = core::capturing_logger(text, core::LogLevel::error);
    try {
      avoided[k] = decompose::solve(with_choices(study, candidates, others), alone, silent).co2_t() - with_all.co2_t();
    } catch (const core::Error& e) {
      // Only a study with no solution without it makes a project required; Ctrl-C, a time limit
      // or a solver failure stop the selection (they say nothing about the project).
      if (e.kind() != core::ErrorKind::infeasible) throw;
      failure[k] = e.what();
    }
  }, [&](std::size_t k, core::Writer& w) {
    w.put<double>(avoided[k]);
    w.put(failure[k]);
  }, [&](std::size_t k, core::Reader& r) {
    avoided[k] = r.get<double>();
    failure[k] = r.get_string();
  });
  for (std::size_t k = 0; k < n; ++k)
    if (!failure[k].empty()) {
      required[k] = 1;  // the study's policies cannot be met without it
      log.warn("project '{}' is required: without it the study has no solution ({})", study.projects.name[candidates[k]],
               failure[k]);
    }
  const auto chosen = knapsack(avoided, money, required, options.concessional_budget_eur, solve, log);
  if (!chosen)
    throw core::Error(core::ErrorKind::infeasible, core::Context{study.file, 0, 0, "--concessional-budget-eur"},
                      fmt::format("the projects that the study's policies require need more than the concessional budget "
                                  "of EUR {:.1f} m",
                                  options.concessional_budget_eur / 1e6));
  PortfolioResult out;
  out.objective = "co2";
  out.budget_eur = options.concessional_budget_eur;
  out.results = decompose::solve(with_choices(study, candidates, *chosen), solve, quiet);
  out.objective_eur = out.results.objective_eur;
  describe_projects(study, finance, candidates, *chosen, out);
  double next_step = model::unlimited;
  for (std::size_t k = 0; k < n; ++k) {
    auto& c = out.projects[candidates[k]];
    c.co2_avoided_t_per_year = avoided[k];
    if ((*chosen)[k]) {
      out.concessional_used_eur += money[k];
      out.co2_avoided_t_per_year += avoided[k];
    } else if (money[k] > 0) {
      next_step = std::min(next_step, money[k]);
    }
  }
  // The next step: tonnes a year per euro from a budget larger by the cheapest left out.
  out.step_eur = std::isfinite(next_step) ? next_step : std::max(0.1 * options.concessional_budget_eur, 1e6);
  if (const auto more = knapsack(avoided, money, required, options.concessional_budget_eur + out.step_eur, solve, log)) {
    double more_avoided = 0;
    for (std::size_t k = 0; k < n; ++k)
      if ((*more)[k]) more_avoided += avoided[k];
    out.step_value_eur_per_eur = (more_avoided - out.co2_avoided_t_per_year) / out.step_eur;
  }
  log.info("portfolio (most CO2 avoided): {:.0f} t a year for EUR {:.1f} m of concessional finance",
           out.co2_avoided_t_per_year, out.concessional_used_eur / 1e6);
  return out;
}
}  // namespace

PortfolioResult select_portfolio(const model::Study& study, const finance::ProjectFinance& finance,
                                 const PortfolioOptions& options, const formulate::SolveStudyOptions& given,
                                 core::Logger& log) {
  formulate::SolveStudyOptions solve = given;
  solve.capital = finance.assets;  // every run prices the assets under the projects' finance
  if (!(options.concessional_budget_eur >= 0))
    throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--concessional-budget-eur"},
                      fmt::format("expected a budget >= 0, got {}", options.concessional_budget_eur));
  const auto candidates = candidate_projects(study, options);
  if (options.objective == PortfolioObjective::co2) return select_for_co2(study, finance, candidates, options, solve, log);
  const Prepared p = prepare(study, &finance, candidates);
  const formulate::Candidates choice = describe_choice(p, candidates, options.concessional_budget_eur);
  const Solved s = solve_portfolio(p, choice, solve, log, solve.write_lp);

  // The LP with the choices fixed: prices, the budget's dual, the results.
  std::string messages;
  core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
  PortfolioResult out;
  out.budget_eur = options.concessional_budget_eur;
  out.results = solve_fixed(p, choice, s.chosen, solve, quiet);
  out.objective_eur = out.results.objective_eur;
  out.marginal_value_eur_per_eur = out.results.budget_shadow_price;
  const double used = out.results.budget_used;
  out.concessional_used_eur = used;

  describe_projects(study, finance, candidates, s.chosen, out);
  // The concessional need of the cheapest all-or-nothing candidate left out.
  double next_step = model::unlimited;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    if (out.projects[candidates[k]].chosen) continue;
    const double money = choice.candidates[k].money_per_choice;
    if (money > 0) next_step = std::min(next_step, money);
  }

  // What each chosen candidate adds: the LP with it left out.
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    if (!s.chosen[k] || !out.projects[candidates[k]].chosen) continue;
    std::vector<char> others = s.chosen;
    others[k] = 0;
    try {
      const model::Results without = solve_fixed(p, choice, others, solve, quiet);
      out.projects[candidates[k]].adds_eur_per_year = without.objective_eur - out.objective_eur;
    } catch (const core::Error& e) {
      if (is_interrupted(e)) throw;  // else: no solution without it, so no figure of what it adds
    }
  }

  // The next step: enough for the cheapest candidate left out, else a tenth of the budget.
  out.step_eur = std::isfinite(next_step) ? next_step : std::max(0.1 * options.concessional_budget_eur, 1e6);
  try {
    formulate::Candidates larger = choice;
    larger.budget += out.step_eur;
    const Solved more = solve_portfolio(p, larger, solve, quiet);
    out.step_value_eur_per_eur = (s.objective - more.objective) / out.step_eur;
  } catch (const core::Error& e) {
    if (is_interrupted(e)) throw;
    log.warn("portfolio selection: the run with a larger budget failed: {}", e.what());
  }
  log.info("portfolio: {} of {} candidates chosen, concessional finance EUR {:.1f} m of EUR {:.1f} m", 
           std::count(s.chosen.begin(), s.chosen.end(), 1), candidates.size(), used / 1e6,
           options.concessional_budget_eur / 1e6);
  return out;
}

}  // namespace silkgrid::appraise
