// Mapping an LP solution back to the study's terms: capacities, dispatch, flows, storage,
// market trades, prices (balance dual / weight), policy shadow prices and the cost breakdown.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "formulate/build.hpp"
#include "formulate/problem.hpp"
#include "model/costs.hpp"

namespace silkgrid::formulate {

namespace {
double capacity(const lp::Solution& s, int column, double fixed) {
  return column == none ? fixed : s.col_value[static_cast<std::size_t>(column)];
}
void copy_series(const lp::Solution& s, int first, std::size_t T, model::Matrix& into, std::size_t i) {
  if (first == none) return;
  for (std::size_t t = 0; t < T; ++t) into(i, t) = s.col_value[static_cast<std::size_t>(first) + t];
}
}  // namespace

model::Results extract(const model::Study& study, const Layout& L, const lp::Solution& solution) {
  model::Results res;
  res.status = lp::to_string(solution.status);
  res.iterations = solution.iterations;
  res.objective_eur = solution.objective;
  const std::size_t T = study.snapshots();
  const auto& w = study.time.weights;

  const auto& gen = study.generators;
  const std::size_t G = gen.size();
  res.generator_capacity_mw.resize(G);
  res.generator_p = model::Matrix(G, T);
  res.generator_energy_mwh.assign(G, 0.0);
  res.generator_curtailment_mwh.assign(G, 0.0);
  res.generator_co2_t.assign(G, 0.0);
  res.region_co2_t.assign(study.regions.size(), 0.0);
  for (std::size_t g = 0; g < G; ++g) {
    const double cap = capacity(solution, L.generator_capacity[g], gen.invest.p_nom_mw[g]);
    res.generator_capacity_mw[g] = cap;
    copy_series(solution, L.p(g, 0), T, res.generator_p, g);
    const bool renewable = study.carriers.renewable[static_cast<std::size_t>(gen.carrier[g])] != 0;
    for (std::size_t t = 0; t < T; ++t) {
      const double p = res.generator_p(g, t);
      res.generator_energy_mwh[g] += w[t] * p;
      res.operating_cost_eur += w[t] * p * model::marginal_cost_eur_per_mwh(study, g, t);
      if (renewable) res.generator_curtailment_mwh[g] += w[t] * std::max(0.0, gen.p_max_pu[g].at(study.series, t) * cap - p);
    }
    res.generator_co2_t[g] = res.generator_energy_mwh[g] * model::co2_t_per_mwh(study, g);
    res.region_co2_t[static_cast<std::size_t>(gen.region[g])] += res.generator_co2_t[g];
    const double annuity = model::generator_annuity(study, g);
    if (gen.invest.extendable[g]) res.annualised_capex_eur += annuity * cap;
    else res.fixed_cost_existing_eur += annuity * cap;
  }

  const auto& links = study.links;
  const std::size_t K = links.size();
  res.link_capacity_mw.resize(K);
  res.link_forward = model::Matrix(K, T);
  res.link_backward = model::Matrix(K, T);
  for (std::size_t k = 0; k < K; ++k) {
    const double cap = capacity(solution, L.link_capacity[k], links.invest.p_nom_mw[k]);
    res.link_capacity_mw[k] = cap;
    copy_series(solution, L.f_fwd(k, 0), T, res.link_forward, k);
    copy_series(solution, L.backward[k], T, res.link_backward, k);
    for (std::size_t t = 0; t < T; ++t)
      res.operating_cost_eur += w[t] * links.marginal_cost_eur_per_mwh[k] * (res.link_forward(k, t) + res.link_backward(k, t));
    const double annuity = model::link_annuity(study, k);
    if (links.invest.extendable[k]) res.annualised_capex_eur += annuity * cap;
    else res.fixed_cost_existing_eur += annuity * cap;
  }

  const auto& lines = study.lines;
  res.line_capacity_mw.resize(lines.size());
  res.line_flow = model::Matrix(lines.size(), T);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const double cap = capacity(solution, L.line_capacity[l], lines.invest.p_nom_mw[l]);
    res.line_capacity_mw[l] = cap;
    copy_series(solution, L.f_line(l, 0), T, res.line_flow, l);
    const double annuity = model::line_annuity(study, l);
    if (lines.invest.extendable[l]) res.annualised_capex_eur += annuity * cap;
    else res.fixed_cost_existing_eur += annuity * cap;
  }

  const auto& st = study.storage;
  const std::size_t S = st.size();
  res.storage_power_mw.resize(S);
  res.storage_energy_mwh.resize(S);
  res.storage_charge = model::Matrix(S, T);
  res.storage_discharge = model::Matrix(S, T);
  res.storage_soc = model::Matrix(S, T);
  res.storage_spill = model::Matrix(S, T);
  for (std::size_t s = 0; s < S; ++s) {
    const double cap = capacity(solution, L.storage_capacity[s], st.invest.p_nom_mw[s]);
    res.storage_power_mw[s] = st.energy_only[s] ? 0.0 : cap;
    res.storage_energy_mwh[s] = cap * st.max_hours[s];
    copy_series(solution, L.c(s, 0), T, res.storage_charge, s);
    copy_series(solution, L.d(s, 0), T, res.storage_discharge, s);
    copy_series(solution, L.e(s, 0), T, res.storage_soc, s);
    copy_series(solution, L.spill[s], T, res.storage_spill, s);
    for (std::size_t t = 0; t < T; ++t)
      res.operating_cost_eur += w[t] * (st.marginal_cost_eur_per_mwh[s] * res.storage_discharge(s, t) +
                                        st.marginal_cost_storage_eur_per_mwh_h[s] * res.storage_soc(s, t) +
                                        st.spill_cost_eur_per_mwh[s] * res.storage_spill(s, t));
    const double annuity = model::storage_annuity(study, s);
    if (st.invest.extendable[s]) res.annualised_capex_eur += annuity * cap;
    else res.fixed_cost_existing_eur += annuity * cap;
  }

  const auto& m = study.markets;
  const std::size_t M = m.size();
  res.market_export = model::Matrix(M, T);
  res.market_import = model::Matrix(M, T);
  res.market_exports_mwh.assign(M, 0.0);
  res.market_imports_mwh.assign(M, 0.0);
  res.market_export_revenue_eur.assign(M, 0.0);
  res.market_import_cost_eur.assign(M, 0.0);
  for (std::size_t i = 0; i < M; ++i) {
    copy_series(solution, L.x(i, 0), T, res.market_export, i);
    copy_series(solution, L.y(i, 0), T, res.market_import, i);
    for (std::size_t t = 0; t < T; ++t) {
      res.market_exports_mwh[i] += w[t] * res.market_export(i, t);
      res.market_imports_mwh[i] += w[t] * res.market_import(i, t);
      res.market_export_revenue_eur[i] += w[t] * res.market_export(i, t) * m.export_price_eur_per_mwh[i].at(study.series, t);
      res.market_import_cost_eur[i] += w[t] * res.market_import(i, t) * m.import_price_eur_per_mwh[i].at(study.series, t);
    }
    res.export_revenue_eur += res.market_export_revenue_eur[i];
    res.import_cost_eur += res.market_import_cost_eur[i];
  }

  const std::size_t R = study.regions.size();
  res.region_load = region_load(study);
  res.region_unserved = model::Matrix(R, T);
  res.region_price = model::Matrix(R, T);
  res.region_load_mwh.assign(R, 0.0);
  res.region_unserved_mwh.assign(R, 0.0);
  const bool has_duals = solution.row_dual.size() == static_cast<std::size_t>(L.num_rows);
  for (std::size_t r = 0; r < R; ++r) {
    copy_series(solution, L.u(r, 0), T, res.region_unserved, r);
    for (std::size_t t = 0; t < T; ++t) {
      res.region_load_mwh[r] += w[t] * res.region_load(r, t);
      res.region_unserved_mwh[r] += w[t] * res.region_unserved(r, t);
      if (res.region_unserved(r, t) != 0.0)
        res.unserved_cost_eur += w[t] * res.region_unserved(r, t) * study.settings.voll_eur_per_mwh;
      if (has_duals) res.region_price(r, t) = solution.row_dual[static_cast<std::size_t>(L.balance_row(r, t))] / w[t];
    }
  }

  const auto& pol = study.policies;
  res.policy_shadow_price.assign(pol.size(), 0.0);
  res.policy_value.assign(pol.size(), 0.0);
  for (std::size_t p = 0; p < pol.size(); ++p) {
    if (L.policy[p] == none || !has_duals) continue;
    const auto row = static_cast<std::size_t>(L.policy[p]);
    const bool at_most = pol.kind[p] == model::PolicyKind::co2_cap || pol.kind[p] == model::PolicyKind::max_capacity;
    res.policy_shadow_price[p] = at_most ? -solution.row_dual[row] : solution.row_dual[row];
    res.policy_value[p] = solution.row_activity[row];
  }
  return res;
}

}  // namespace silkgrid::formulate
