#pragma once
// Writing project appraisals: projects.json (one object per project, fields named with their
// units), projects.csv (the same, one row per project) and cashflows.csv (every project's
// yearly cash flows, long format).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "finance/accounting.hpp"
#include "model/appraisal.hpp"
#include "model/welfare.hpp"

namespace silkgrid::io {

nlohmann::ordered_json projects_json(const std::vector<model::ProjectAppraisal>& appraisals, const std::string& finance);

void write_appraisals(const std::string& dir, const std::vector<model::ProjectAppraisal>& appraisals,
                      const std::string& finance);

// finance_accounting.json: {"reference_rate", "concessionality_threshold", "projects": [{"name",
// "country", "committed_eur", "grant_element", …, "tranches": [{"kind", "provider", "provider_kind",
// "public", "amount_eur", "grant_element", "concessional", …}]}], "countries": {…}, "providers":
// {…}, "portfolio": {…}}; finance_accounting.csv: one row per tranche (README, "Climate-finance accounting").
nlohmann::ordered_json finance_accounting_json(const finance::FinanceAccounting& accounting);
std::string finance_accounting_csv(const finance::FinanceAccounting& accounting);
void write_finance_accounting(const std::string& dir, const finance::FinanceAccounting& accounting);

// portfolio.json: the budget, what was used, the system cost, the value of more concessional
// finance, and per project whether it was a candidate, chosen, and what it adds.
nlohmann::ordered_json portfolio_json(const model::PortfolioResult& portfolio);
void write_portfolio(const std::string& dir, const model::PortfolioResult& portfolio);

// candidates.json: every candidate's break-even reduction (README, "What it would take").
void write_candidates(const std::string& dir, const std::vector<model::BreakEven>& candidates);

// sharing.json: {"project": NAME, "countries": {"KZ": {"delta_consumer_surplus_eur",
// "delta_producer_surplus_eur", "delta_congestion_rent_eur", "delta_welfare_eur", "hosted_cost_eur",
// "net_impact_eur", "compensation_eur"}, …}} (EUR per year of the run).
nlohmann::ordered_json sharing_json(const model::Sharing& sharing);
void write_sharing(const std::string& dir, const model::Sharing& sharing);

}  // namespace silkgrid::io
