#include "appraise/appraise.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <mutex>

#include "appraise/parallel.hpp"
#include "core/error.hpp"
#include "decompose/benders.hpp"
#include "finance/cashflow.hpp"
#include "finance/structure.hpp"
#include "model/costs.hpp"

namespace silkgrid::appraise {

namespace {

using model::AssetKind;
using model::AssetRef;

// What one asset did in the run, per year (the run's weighted energies and money).
struct AssetYear {
  double capacity = 0, capex = 0, fom = 0;
  double energy_mwh = 0;        // produced, delivered or discharged
  double market_revenue = 0;    // at the run's prices (a cable: its congestion rent)
  double variable_cost = 0;     // marginal costs of the run (a cable: with its CBAM charge)
  double cbam_cost = 0;         // a cable into the CBAM area: the CBAM charge on what it brings in
  double own_co2_t = 0;
  int region = 0;               // where it stands (a cable: the receiving end)
  // Transfers (links, lines, storage): the CO2 their flows displace, Σ w·(energy in at each end
  // · that region's emission factor − energy taken out · its factor), when no baseline is given.
  bool transfer = false;
  double displaced_co2_t = 0;
};

double price(const model::Results& r, int region, std::size_t t) { return r.region_price(static_cast<std::size_t>(region), t); }

AssetYear asset_year(const model::Study& study, const model::Results& r, AssetRef a, const std::vector<double>& factor) {
  AssetYear out;
  const auto f_of = [&](int region) { return factor[static_cast<std::size_t>(region)]; };
  const auto i = static_cast<std::size_t>(a.index);
  const auto& w = study.time.weights;
  const std::size_t T = study.snapshots();
  switch (a.kind) {
    case AssetKind::generator: {
      const auto& g = study.generators;
      out.capacity = r.generator_capacity_mw[i];
      out.capex = model::generator_capex_eur_per_mw(g, i) * out.capacity;
      out.fom = out.capex * g.invest.fom_pct_per_year[i] / 100.0;
      out.region = g.region[i];
      for (std::size_t t = 0; t < T; ++t) {
        const double p = r.generator_p(i, t);
        out.energy_mwh += w[t] * p;
        out.market_revenue += w[t] * p * price(r, g.region[i], t);
        out.variable_cost += w[t] * p * model::marginal_cost_eur_per_mwh(study, i, t);
      }
      out.own_co2_t = r.generator_co2_t[i];
      break;
    }
    case AssetKind::link: {
      const auto& k = study.links;
      out.capacity = r.link_capacity_mw[i];
      out.capex = model::link_capex_eur_per_mw(k, i) * out.capacity;
      out.fom = out.capex * k.invest.fom_pct_per_year[i] / 100.0;
      out.region = k.to[i];
      out.transfer = true;
      const double eta = k.efficiency[i];
      for (std::size_t t = 0; t < T; ++t) {
        const double f = r.link_forward(i, t), b = r.link_backward(i, t);
        out.energy_mwh += w[t] * eta * (std::abs(f) + b);
        out.market_revenue += w[t] * (eta * f * price(r, k.to[i], t) - f * price(r, k.from[i], t) +
                                      eta * b * price(r, k.from[i], t) - b * price(r, k.to[i], t));
        out.displaced_co2_t += w[t] * (eta * f * f_of(k.to[i]) - f * f_of(k.from[i]) + eta * b * f_of(k.from[i]) -
                                       b * f_of(k.to[i]));
        out.variable_cost += w[t] * k.marginal_cost_eur_per_mwh[i] * (std::abs(f) + b);
      }
      // The CBAM charge on what it brings into the CBAM area is the link's cost.
      if (i < r.link_cbam_cost_eur.size()) {
        out.cbam_cost = r.link_cbam_cost_eur[i];
        out.variable_cost += out.cbam_cost;
      }
      break;
    }
    case AssetKind::storage: {
      const auto& s = study.storage;
      out.capacity = s.energy_only[i] ? r.storage_energy_mwh[i] : r.storage_power_mw[i];
      out.capex = model::storage_capex_eur_per_mw(s, i) * (s.energy_only[i] ? r.storage_energy_mwh[i] : r.storage_power_mw[i]);
      out.fom = out.capex * s.invest.fom_pct_per_year[i] / 100.0;
      out.region = s.region[i];
      out.transfer = true;
      for (std::size_t t = 0; t < T; ++t) {
        const double net = r.storage_discharge(i, t) - r.storage_charge(i, t);
        out.displaced_co2_t += w[t] * net * f_of(s.region[i]);
        out.energy_mwh += w[t] * std::max(0.0, r.storage_discharge(i, t));
        out.market_revenue += w[t] * net * price(r, s.region[i], t);
        out.variable_cost += w[t] * (s.marginal_cost_eur_per_mwh[i] * r.storage_discharge(i, t) +
                                     s.marginal_cost_storage_eur_per_mwh_h[i] * r.storage_soc(i, t) +
                                     s.spill_cost_eur_per_mwh[i] * r.storage_spill(i, t));
      }
      break;
    }
    case AssetKind::line: {
      const auto& l = study.lines;
      out.capacity = r.line_capacity_mw[i];
      out.capex = l.capex_eur_per_mw_km[i] * l.length_km[i] * out.capacity;
      out.fom = out.capex * l.invest.fom_pct_per_year[i] / 100.0;
      out.region = l.to[i];
      out.transfer = true;
      for (std::size_t t = 0; t < T; ++t) {
        const double f = r.line_flow(i, t);
        out.displaced_co2_t += w[t] * f * (f_of(l.to[i]) - f_of(l.from[i]));
        out.energy_mwh += w[t] * std::abs(f);
        out.market_revenue += w[t] * f * (price(r, l.to[i], t) - price(r, l.from[i], t));
      }
      break;
    }
  }
  return out;
}

// The region's average emission factor in the run: its generators' CO2 over their energy.
double region_emission_factor(const model::Study& study, const model::Results& r, int region) {
  double co2 = 0, energy = 0;
  for (std::size_t g = 0; g < study.generators.size(); ++g) {
    if (study.generators.region[g] != region) continue;
    co2 += r.generator_co2_t[g];
    energy += r.generator_energy_mwh[g];
  }
  return energy > 0 ? co2 / energy : 0.0;
}

struct Operating {
  double energy = 0, revenue = 0, opex = 0, carbon_revenue = 0, avoided = 0;
};

// The timeline of cash flows for one set of yearly operating figures.
std::vector<Year> timeline(const model::FinanceTerms& terms, double capex, double grant, int construction, int lifetime,
                           const Operating& op) {
  const int build = std::max(construction, 1);
  const int years = build + lifetime;
  std::vector<Year> out(static_cast<std::size_t>(years));
  const double depreciation = lifetime > 0 ? (capex - grant) / lifetime : 0.0;
  double equity_share = 0;
  std::vector<finance::DebtSchedule> debts;
  for (const auto& t : terms.tranches) {
    if (t.kind == model::TrancheKind::equity) equity_share += t.share;
    if (t.kind == model::TrancheKind::concessional_debt || t.kind == model::TrancheKind::commercial_debt)
      debts.push_back(finance::debt_schedule(t.share * capex, t.rate, static_cast<int>(t.tenor_years),
                                             static_cast<int>(t.grace_years), build, years));
  }
  for (int y = 0; y < years; ++y) {
    Year& yr = out[static_cast<std::size_t>(y)];
    yr.year = y;
    if (y < build) {
      yr.capex_eur = capex / build;
      yr.grant_eur = grant / build;
      yr.project_cash_flow_eur = -(yr.capex_eur - yr.grant_eur);
      yr.equity_cash_flow_eur = -equity_share * yr.capex_eur;
      continue;
    }
    yr.operating = true;
    yr.energy_mwh = op.energy;
    yr.revenue_eur = op.revenue;
    yr.carbon_revenue_eur = op.carbon_revenue;
    yr.opex_eur = op.opex;
    yr.co2_avoided_t = op.avoided;
    yr.depreciation_eur = depreciation;
    for (const auto& d : debts) {
      yr.interest_eur += d.interest[static_cast<std::size_t>(y)];
      yr.principal_eur += d.principal[static_cast<std::size_t>(y)];
    }
    yr.debt_service_eur = yr.interest_eur + yr.principal_eur;
    const double ebitda = op.revenue + op.carbon_revenue - op.opex;
    const double unlevered_tax = std::max(0.0, terms.tax_rate * (ebitda - depreciation));
    yr.tax_eur = std::max(0.0, terms.tax_rate * (ebitda - depreciation - yr.interest_eur));
    yr.cfads_eur = ebitda - yr.tax_eur;
    yr.project_cash_flow_eur = ebitda - unlevered_tax;
    yr.equity_cash_flow_eur = yr.cfads_eur - yr.debt_service_eur;
  }
  return out;
}

std::vector<double> column(const std::vector<Year>& years, double Year::*field) {
  std::vector<double> v;
  for (const auto& y : years) v.push_back(y.*field);
  return v;
}

}  // namespace

finance::FinanceAccounting account_finance(const model::Study& study, const finance::ProjectFinance& finance,
                                           const std::vector<ProjectAppraisal>& appraisals) {
  std::vector<finance::ProjectFinanceInput> inputs;
  for (std::size_t p = 0; p < appraisals.size() && p < finance.terms.size(); ++p) {
    const ProjectAppraisal& a = appraisals[p];
    finance::ProjectFinanceInput in;
    in.name = a.name;
    in.country = a.country;
    in.capex_eur = a.capex_eur;
    in.capacity_mw = a.capacity_mw;
    in.annual_energy_mwh = a.annual_energy_mwh;
    in.co2_avoided_t_per_year = a.co2_avoided_t_per_year;
    in.lifetime_years = a.lifetime_years;
    in.tranches = finance.terms[p].tranches;
    inputs.push_back(std::move(in));
  }
  return finance::account_finance(inputs, finance::AccountingOptions{study.settings.grant_element_discount_rate,
                                                                     study.settings.concessionality_threshold});
}

std::vector<ProjectAppraisal> appraise_projects(const model::Study& study, const finance::ProjectFinance& finance,
                                                const model::Results& results) {
  std::vector<ProjectAppraisal> out;
  const auto& pr = study.projects;
  std::vector<double> factors(study.regions.size());
  for (std::size_t r = 0; r < factors.size(); ++r) factors[r] = region_emission_factor(study, results, static_cast<int>(r));
  for (std::size_t p = 0; p < pr.size(); ++p) {
    ProjectAppraisal a;
    a.name = pr.name[p];
    a.country = pr.country[p];
    a.sponsor = pr.sponsor[p];
    a.status = model::to_string(pr.status[p]);
    a.revenue = model::to_string(pr.revenue[p]);
    a.construction_years = pr.construction_years[p];
    a.lifetime_years = static_cast<int>(std::lround(model::project_lifetime_years(study, p)));
    const auto& terms = finance.terms[p];
    a.wacc = finance::wacc(terms);

    Operating op;
    double market_revenue = 0, own_co2 = 0, baseline_energy = 0, baseline_co2 = 0;
    for (const AssetRef& ref : pr.assets[p]) {
      const AssetYear y = asset_year(study, results, ref, factors);
      a.capacity_mw += y.capacity;
      a.capex_eur += y.capex;
      op.energy += y.energy_mwh;
      op.opex += y.fom + y.variable_cost;
      a.cbam_cost_eur_per_year += y.cbam_cost;
      market_revenue += y.market_revenue;
      own_co2 += y.own_co2_t;
      baseline_energy += y.energy_mwh;
      if (model::is_given(pr.baseline_t_per_mwh[p]))
        baseline_co2 += y.energy_mwh * pr.baseline_t_per_mwh[p];
      else if (y.transfer)
        baseline_co2 += y.displaced_co2_t;
      else
        baseline_co2 += y.energy_mwh * factors[static_cast<std::size_t>(y.region)];
    }
    a.baseline_t_per_mwh = baseline_energy > 0 ? baseline_co2 / baseline_energy : 0.0;
    op.avoided = baseline_co2 - own_co2;
    op.revenue = pr.revenue[p] == model::RevenueKind::ppa ? op.energy * pr.ppa_price_eur_per_mwh[p] : market_revenue;
    const double credit = model::is_given(pr.credit_price_eur_per_t[p]) ? pr.credit_price_eur_per_t[p] : 0.0;
    op.carbon_revenue = std::max(0.0, op.avoided) * credit;
    a.grant_eur = finance::grant_share(terms) * a.capex_eur;
    a.annual_energy_mwh = op.energy;
    a.capture_price_eur_per_mwh = op.energy > 0 ? market_revenue / op.energy : 0.0;
    a.revenue_eur_per_year = op.revenue;
    a.opex_eur_per_year = op.opex;
    a.carbon_revenue_eur_per_year = op.carbon_revenue;
    a.co2_avoided_t_per_year = op.avoided;

    a.years = timeline(terms, a.capex_eur, a.grant_eur, a.construction_years, a.lifetime_years, op);
    for (const auto& y : a.years)
      if (y.operating) {
        a.tax_eur_first_year = y.tax_eur;
        break;
      }
    const auto project = column(a.years, &Year::project_cash_flow_eur);
    const auto equity = column(a.years, &Year::equity_cash_flow_eur);
    a.npv_eur = finance::npv(a.wacc, project);
    a.project_irr = finance::irr(project);
    a.equity_irr = finance::irr(equity);

    // LCOE: discounted capex net of grants and opex over discounted energy, at the WACC.
    double cost = 0, energy = 0, avoided = 0, discount = 1;
    for (const auto& y : a.years) {
      cost += (y.capex_eur - y.grant_eur + y.opex_eur) / discount;
      energy += y.energy_mwh / discount;
      avoided += y.co2_avoided_t / discount;
      discount *= 1.0 + a.wacc;
    }
    a.lcoe_eur_per_mwh = energy > 0 ? cost / energy : 0.0;

    // DSCR over the years with debt service.
    double dscr_sum = 0;
    int dscr_years = 0;
    for (const auto& y : a.years) {
      if (y.debt_service_eur <= 0) continue;
      const double dscr = y.cfads_eur / y.debt_service_eur;
      a.dscr_min = a.dscr_min ? std::min(*a.dscr_min, dscr) : dscr;
      dscr_sum += dscr;
      ++dscr_years;
    }
    if (dscr_years > 0) a.dscr_avg = dscr_sum / dscr_years;

    double cumulative = 0;
    int operating_year = 0;
    for (const auto& y : a.years) {
      cumulative += y.project_cash_flow_eur;
      if (!y.operating) continue;
      ++operating_year;
      if (cumulative >= 0) {
        a.payback_year = operating_year;
        break;
      }
    }

    // Abatement cost: the credit price at which the NPV without credits would reach zero.
    if (avoided > 0) {
      Operating without = op;
      without.carbon_revenue = 0;
      const auto flows = column(timeline(terms, a.capex_eur, a.grant_eur, a.construction_years, a.lifetime_years, without),
                                &Year::project_cash_flow_eur);
      const double after_tax = 1.0 - terms.tax_rate;  // credits are taxed like revenue while profits are positive
      a.abatement_cost_eur_per_t = -finance::npv(a.wacc, flows) / (avoided * (after_tax > 0 ? after_tax : 1.0));
    }
    out.push_back(std::move(a));
  }
  return out;
}

model::Study without_project(const model::Study& study, std::size_t p) {
  model::Study s = study;
  for (const AssetRef& ref : s.projects.assets[p]) {
    auto& invest = model::investment_of(s, ref);
    const auto i = static_cast<std::size_t>(ref.index);
    invest.extendable[i] = 0;
    invest.p_nom_mw[i] = 0.0;
    invest.p_nom_min_mw[i] = 0.0;
  }
  return s;
}

void add_system_values(const model::Study& study, const finance::ProjectFinance& finance, double objective_with,
                       std::vector<ProjectAppraisal>& appraisals, const formulate::SolveStudyOptions& options,
                       int threads, core::Logger& log) {
  const std::size_t n = appraisals.size();
  std::vector<double> objective(n, model::not_given);
  std::vector<std::string> failure(n);
  std::mutex progress;
  std::size_t done = 0;
  log.progress("with/without runs: 0 of {} done", n);
  formulate::SolveStudyOptions without_options = options;
  without_options.capital = finance.assets;  // priced as the run with every project
  without_options.write_lp.clear();  // --write-lp is the LP of the study, not of every run without a project
  without_options.ranks = nullptr;  // each run in one process (distributed_runs spreads the runs over ranks)
  distributed_runs(n, threads, options.solver.cancel, options.ranks, [&](std::size_t p) {
    std::string messages;
    core::Logger quiet = core::capturing_logger(messages, core::LogLevel::error);
    try {
      objective[p] = decompose::solve(without_project(study, p), without_options, quiet).objective_eur;
    } catch (const core::Error& e) {
      if (is_interrupted(e)) throw;  // Ctrl-C stops every run; it is no run's failure
      failure[p] = e.what();
    } catch (const std::exception& e) {
      failure[p] = e.what();
    }
    const std::lock_guard<std::mutex> lock(progress);
    log.progress("with/without runs: {} of {} done ({} without)", ++done, n, appraisals[p].name);
  }, [&](std::size_t p, core::Writer& w) {
    w.put<double>(objective[p]);
    w.put(failure[p]);
  }, [&](std::size_t p, core::Reader& r) {
    objective[p] = r.get<double>();
    failure[p] = r.get_string();
  });
  for (std::size_t p = 0; p < n; ++p) {
    if (!failure[p].empty()) {
      log.warn("project '{}': the run without it failed, so it has no system value: {}", appraisals[p].name, failure[p]);
      continue;
    }
    appraisals[p].system_value_eur_per_year = objective[p] - objective_with;
  }
}

}  // namespace silkgrid::appraise
