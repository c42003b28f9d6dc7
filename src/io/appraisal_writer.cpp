#include "io/appraisal_writer.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "io/output_dir.hpp"

namespace silkgrid::io {

namespace {
nlohmann::ordered_json optional(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}
std::string cell(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; }
std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}
}  // namespace

nlohmann::ordered_json projects_json(const std::vector<model::ProjectAppraisal>& appraisals, const std::string& finance) {
  nlohmann::ordered_json out;
  out["finance"] = finance;
  out["projects"] = nlohmann::ordered_json::array();
  for (const auto& a : appraisals) {
    nlohmann::ordered_json j;
    j["name"] = a.name;
    j["country"] = a.country;
    j["sponsor"] = a.sponsor;
    j["status"] = a.status;
    j["revenue"] = a.revenue;
    j["capacity_mw"] = a.capacity_mw;
    j["capex_eur"] = a.capex_eur;
    j["grant_eur"] = a.grant_eur;
    j["construction_years"] = a.construction_years;
    j["lifetime_years"] = a.lifetime_years;
    j["annual_energy_mwh"] = a.annual_energy_mwh;
    j["capture_price_eur_per_mwh"] = a.capture_price_eur_per_mwh;
    j["revenue_eur_per_year"] = a.revenue_eur_per_year;
    j["opex_eur_per_year"] = a.opex_eur_per_year;
    j["cbam_cost_eur_per_year"] = a.cbam_cost_eur_per_year;
    j["tax_eur_first_year"] = a.tax_eur_first_year;
    j["carbon_revenue_eur_per_year"] = a.carbon_revenue_eur_per_year;
    j["wacc"] = a.wacc;
    j["lcoe_eur_per_mwh"] = a.lcoe_eur_per_mwh;
    j["npv_eur"] = a.npv_eur;
    j["project_irr"] = optional(a.project_irr);
    j["equity_irr"] = optional(a.equity_irr);
    j["dscr_min"] = optional(a.dscr_min);
    j["dscr_avg"] = optional(a.dscr_avg);
    j["payback_year"] = a.payback_year ? nlohmann::ordered_json(*a.payback_year) : nlohmann::ordered_json(nullptr);
    j["baseline_t_per_mwh"] = a.baseline_t_per_mwh;
    j["co2_avoided_t_per_year"] = a.co2_avoided_t_per_year;
    j["abatement_cost_eur_per_t"] = optional(a.abatement_cost_eur_per_t);
    j["system_value_eur_per_year"] = optional(a.system_value_eur_per_year);
    if (a.risk) {
      const auto& r = *a.risk;
      j["ensemble"] = nlohmann::ordered_json{{"folder", r.ensemble},
                                             {"years", r.years},
                                             {"p50_energy_mwh", r.p50_energy_mwh},
                                             {"p90_energy_mwh", r.p90_energy_mwh},
                                             {"p50_revenue_eur", r.p50_revenue_eur},
                                             {"p90_revenue_eur", r.p90_revenue_eur},
                                             {"dscr_p50", optional(r.dscr_p50)},
                                             {"dscr_at_p90", optional(r.dscr_at_p90)},
                                             {"probability_dscr_below_1_2", optional(r.probability_dscr_below_1_2)},
                                             {"probability_dscr_below_1_0", optional(r.probability_dscr_below_1_0)}};
    }
    out["projects"].push_back(j);
  }
  return out;
}

namespace {
// One view's figures; a provider's view leaves out what is not attributed to providers.
nlohmann::ordered_json totals_json(const finance::FinanceTotals& t, bool provider) {
  nlohmann::ordered_json j;
  j["committed_eur"] = t.committed_eur;
  j["public_eur"] = t.public_eur;
  j["private_eur"] = t.private_eur;
  j["grant_eur"] = t.grant_eur;
  j["concessional_loan_eur"] = t.concessional_loan_eur;
  j["concessional_eur"] = t.concessional_eur;
  j["concessional_share"] = optional(t.concessional_share);
  j["grant_equivalent_eur"] = t.grant_equivalent_eur;
  j["grant_element"] = optional(t.grant_element);
  j["private_mobilised_eur"] = t.private_mobilised_eur;
  j["mobilisation_ratio"] = optional(t.mobilisation_ratio);
  if (provider) return j;
  j["co_financing_ratio"] = optional(t.co_financing_ratio);
  j["capacity_mw"] = t.capacity_mw;
  j["lifetime_energy_mwh"] = t.lifetime_energy_mwh;
  j["lifetime_co2_avoided_t"] = t.lifetime_co2_avoided_t;
  j["public_eur_per_t_co2"] = optional(t.public_eur_per_t_co2);
  j["concessional_eur_per_mw"] = optional(t.concessional_eur_per_mw);
  j["concessional_eur_per_mwh"] = optional(t.concessional_eur_per_mwh);
  return j;
}
}  // namespace

nlohmann::ordered_json finance_accounting_json(const finance::FinanceAccounting& a) {
  nlohmann::ordered_json out;
  out["reference_rate"] = a.options.reference_rate;
  out["concessionality_threshold"] = a.options.concessionality_threshold;
  out["projects"] = nlohmann::ordered_json::array();
  for (const auto& p : a.projects) {
    nlohmann::ordered_json j;
    j["name"] = p.name;
    j["country"] = p.country;
    const nlohmann::ordered_json totals = totals_json(p.totals, false);
    for (const auto& [key, value] : totals.items()) j[key] = value;
    j["tranches"] = nlohmann::ordered_json::array();
    for (const auto& t : p.tranches)
      j["tranches"].push_back(nlohmann::ordered_json{{"kind", model::to_string(t.kind)},
                                                     {"provider", t.provider},
                                                     {"provider_kind", model::to_string(t.provider_kind)},
                                                     {"provider_kind_assumed", t.provider_kind_assumed},
                                                     {"public", t.is_public},
                                                     {"amount_eur", t.amount_eur},
                                                     {"grant_element", t.grant_element},
                                                     {"grant_equivalent_eur", t.grant_equivalent_eur},
                                                     {"concessional", t.concessional},
                                                     {"private_mobilised_eur", t.private_mobilised_eur}});
    out["projects"].push_back(j);
  }
  out["countries"] = nlohmann::ordered_json::object();
  for (const auto& [country, t] : a.countries) out["countries"][country] = totals_json(t, false);
  out["providers"] = nlohmann::ordered_json::object();
  for (const auto& [provider, t] : a.providers) out["providers"][provider] = totals_json(t, true);
  out["portfolio"] = totals_json(a.portfolio, false);
  return out;
}

std::string finance_accounting_csv(const finance::FinanceAccounting& a) {
  std::string csv =
      "project,country,provider,provider_kind,provider_kind_assumed,kind,public,amount_eur,grant_element,"
      "grant_equivalent_eur,concessional,private_mobilised_eur\n";
  for (const auto& p : a.projects)
    for (const auto& t : p.tranches)
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", quoted(p.name), quoted(p.country), quoted(t.provider),
                         model::to_string(t.provider_kind), t.provider_kind_assumed ? 1 : 0, model::to_string(t.kind),
                         t.is_public ? 1 : 0, t.amount_eur, t.grant_element, t.grant_equivalent_eur, t.concessional ? 1 : 0,
                         t.private_mobilised_eur);
  return csv;
}

void write_finance_accounting(const std::string& dir, const finance::FinanceAccounting& accounting) {
  const std::filesystem::path folder(dir);
  write_file_atomically(folder / "finance_accounting.json", finance_accounting_json(accounting).dump(2) + "\n");
  write_file_atomically(folder / "finance_accounting.csv", finance_accounting_csv(accounting));
}

void write_candidates(const std::string& dir, const std::vector<model::BreakEven>& candidates) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& c : candidates)
    list.push_back(nlohmann::ordered_json{{"name", c.name},
                                          {"kind", c.kind},
                                          {"built_mw", c.built_mw},
                                          {"min_mw", c.min_mw},
                                          {"max_mw", std::isfinite(c.max_mw) ? nlohmann::ordered_json(c.max_mw) : nlohmann::ordered_json(nullptr)},
                                          {"annuity_eur_per_mw_year", c.annuity_eur_per_mw_year},
                                          {"reduced_cost_eur_per_mw_year", c.reduced_cost_eur_per_mw_year},
                                          {"break_even_reduction_eur_per_mw_year", optional(c.reduction_eur_per_mw_year)},
                                          {"break_even_share", optional(c.share)},
                                          {"break_even_grant_share", optional(c.grant_share)},
                                          {"verified", c.verified},
                                          {"solves", c.solves}});
  write_file_atomically(std::filesystem::path(dir) / "candidates.json",
                        nlohmann::ordered_json{{"candidates", list}}.dump(2) + "\n");
}

void write_appraisals(const std::string& dir, const std::vector<model::ProjectAppraisal>& appraisals,
                      const std::string& finance) {
  const std::filesystem::path folder(dir);
  write_file_atomically(folder / "projects.json", projects_json(appraisals, finance).dump(2) + "\n");

  std::string csv =
      "name,country,sponsor,status,revenue,capacity_mw,capex_eur,grant_eur,annual_energy_mwh,capture_price_eur_per_mwh,"
      "revenue_eur_per_year,opex_eur_per_year,carbon_revenue_eur_per_year,wacc,lcoe_eur_per_mwh,npv_eur,project_irr,"
      "equity_irr,dscr_min,dscr_avg,payback_year,co2_avoided_t_per_year,abatement_cost_eur_per_t,"
      "system_value_eur_per_year\n";
  for (const auto& a : appraisals)
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", quoted(a.name),
                       quoted(a.country), quoted(a.sponsor), a.status, a.revenue, a.capacity_mw, a.capex_eur, a.grant_eur,
                       a.annual_energy_mwh, a.capture_price_eur_per_mwh, a.revenue_eur_per_year, a.opex_eur_per_year,
                       a.carbon_revenue_eur_per_year, a.wacc, a.lcoe_eur_per_mwh, a.npv_eur, cell(a.project_irr),
                       cell(a.equity_irr), cell(a.dscr_min), cell(a.dscr_avg),
                       a.payback_year ? std::to_string(*a.payback_year) : "", a.co2_avoided_t_per_year,
                       cell(a.abatement_cost_eur_per_t), cell(a.system_value_eur_per_year));
  write_file_atomically(folder / "projects.csv", csv);

  std::string flows =
      "project,year,operating,capex_eur,grant_eur,energy_mwh,revenue_eur,carbon_revenue_eur,opex_eur,depreciation_eur,"
      "interest_eur,principal_eur,debt_service_eur,tax_eur,cfads_eur,project_cash_flow_eur,equity_cash_flow_eur,"
      "co2_avoided_t\n";
  for (const auto& a : appraisals)
    for (const auto& y : a.years)
      flows += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", quoted(a.name), y.year,
                           y.operating ? 1 : 0, y.capex_eur, y.grant_eur, y.energy_mwh, y.revenue_eur, y.carbon_revenue_eur,
                           y.opex_eur, y.depreciation_eur, y.interest_eur, y.principal_eur, y.debt_service_eur, y.tax_eur,
                           y.cfads_eur, y.project_cash_flow_eur, y.equity_cash_flow_eur, y.co2_avoided_t);
  write_file_atomically(folder / "cashflows.csv", flows);
}

nlohmann::ordered_json portfolio_json(const model::PortfolioResult& p) {
  nlohmann::ordered_json out;
  out["objective"] = p.objective;
  out["concessional_budget_eur"] = p.budget_eur;
  out["concessional_used_eur"] = p.concessional_used_eur;
  out["system_cost_eur"] = p.objective_eur;
  out["next_step_eur"] = p.step_eur;
  if (p.objective == "co2") {
    out["co2_avoided_t_per_year"] = p.co2_avoided_t_per_year;
    out["next_step_t_per_year_per_eur"] = optional(p.step_value_eur_per_eur);
  } else {
    out["marginal_value_eur_per_eur"] = p.marginal_value_eur_per_eur;
    out["next_step_value_eur_per_eur"] = optional(p.step_value_eur_per_eur);
  }
  out["chosen"] = nlohmann::ordered_json::array();
  for (const auto& c : p.projects)
    if (c.candidate && c.chosen) out["chosen"].push_back(c.name);
  out["projects"] = nlohmann::ordered_json::array();
  for (const auto& c : p.projects) {
    nlohmann::ordered_json j;
    j["name"] = c.name;
    j["candidate"] = c.candidate;
    j["chosen"] = c.chosen;
    j["capacity_mw"] = c.capacity_mw;
    j["capex_eur"] = c.capex_eur;
    j["concessional_eur"] = c.concessional_eur;
    j["adds_eur_per_year"] = optional(c.adds_eur_per_year);
    j["co2_avoided_t_per_year"] = optional(c.co2_avoided_t_per_year);
    out["projects"].push_back(j);
  }
  return out;
}

void write_portfolio(const std::string& dir, const model::PortfolioResult& portfolio) {
  write_file_atomically(std::filesystem::path(dir) / "portfolio.json", portfolio_json(portfolio).dump(2) + "\n");
}

nlohmann::ordered_json sharing_json(const model::Sharing& sharing) {
  nlohmann::ordered_json countries = nlohmann::ordered_json::object();
  for (const auto& c : sharing.countries)
    countries[c.country] = nlohmann::ordered_json{{"delta_consumer_surplus_eur", c.delta_consumer_surplus_eur},
                                                  {"delta_producer_surplus_eur", c.delta_producer_surplus_eur},
                                                  {"delta_congestion_rent_eur", c.delta_congestion_rent_eur},
                                                  {"delta_welfare_eur", c.delta_welfare_eur},
                                                  {"hosted_cost_eur", c.hosted_cost_eur},
                                                  {"net_impact_eur", c.net_impact_eur},
                                                  {"compensation_eur", c.compensation_eur}};
  return nlohmann::ordered_json{{"project", sharing.project}, {"countries", countries}};
}

void write_sharing(const std::string& dir, const model::Sharing& sharing) {
  write_file_atomically(std::filesystem::path(dir) / "sharing.json", sharing_json(sharing).dump(2) + "\n");
}

}  // namespace silkgrid::io
