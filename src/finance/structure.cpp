#include "finance/structure.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "model/costs.hpp"

namespace silkgrid::finance {

namespace {
bool is_debt(model::TrancheKind kind) {
  return kind == model::TrancheKind::concessional_debt || kind == model::TrancheKind::commercial_debt;
}
}  // namespace

double grant_share(const model::FinanceTerms& terms) {
  double grant = 0;
  for (const auto& t : terms.tranches)
    if (t.kind == model::TrancheKind::grant) grant += t.share;
  return grant;
}

double wacc(const model::FinanceTerms& terms) {
  double weighted = 0, funded = 0;
  for (const auto& t : terms.tranches) {
    if (t.kind == model::TrancheKind::grant) continue;
    weighted += t.share * t.rate * (is_debt(t.kind) ? 1.0 - terms.tax_rate : 1.0);
    funded += t.share;
  }
  return funded > 0 ? weighted / funded : 0.0;
}

model::FinanceTerms terms_under(const model::FinanceTerms& given, FinanceMode mode, double commercial_rate) {
  if (mode == FinanceMode::as_given) return given;
  model::FinanceTerms out;
  out.tax_rate = given.tax_rate;
  if (mode == FinanceMode::none) return out;  // no tranches: project_finance puts equity at the study's rate
  const model::Tranche* commercial = nullptr;
  for (const auto& t : given.tranches)
    if (t.kind == model::TrancheKind::commercial_debt) commercial = &t;
  for (const auto& t : given.tranches) {
    if (t.kind == model::TrancheKind::equity || t.kind == model::TrancheKind::commercial_debt) {
      out.tranches.push_back(t);
      continue;
    }
    // A grant or a concessional loan becomes commercial debt.
    model::Tranche replaced = t;
    replaced.kind = model::TrancheKind::commercial_debt;
    // from a commercial lender: the counterfactual without public grants and concessional loans
    replaced.provider = commercial ? commercial->provider : "commercial lender";
    replaced.provider_kind = commercial ? commercial->provider_kind : model::ProviderKind::commercial_bank;
    replaced.provider_kind_assumed = commercial ? commercial->provider_kind_assumed : true;
    replaced.rate = commercial ? commercial->rate : commercial_rate;
    if (t.kind == model::TrancheKind::grant) {
      replaced.tenor_years = commercial ? commercial->tenor_years : 15;
      replaced.grace_years = commercial ? commercial->grace_years : 0;
    }
    out.tranches.push_back(replaced);
  }
  return out;
}

ProjectFinance project_finance(const model::Study& study, FinanceMode mode, double commercial_rate) {
  ProjectFinance out;
  out.mode = mode;
  const auto& projects = study.projects;
  for (std::size_t p = 0; p < projects.size(); ++p) {
    model::FinanceTerms terms = terms_under(projects.finance[p], mode, commercial_rate);
    const bool financed = !terms.tranches.empty();
    if (!financed) terms.tranches.push_back(model::sponsor_equity(study.settings.discount_rate));
    const CapitalTerms capital{financed ? wacc(terms) : study.settings.discount_rate, financed ? grant_share(terms) : 0.0};
    for (const model::AssetRef& a : projects.assets[p]) {
      auto& list = out.assets.of(a.kind);
      const auto i = static_cast<std::size_t>(a.index);
      if (list.size() <= i) list.resize(model::investment_of(study, model::AssetRef{a.kind, 0}).p_nom_mw.size());
      list[i] = capital;
    }
    out.terms.push_back(std::move(terms));
  }
  return out;
}

FinanceMode parse_finance_mode(const std::string& text) {
  if (text == "as-given") return FinanceMode::as_given;
  if (text == "commercial") return FinanceMode::commercial;
  if (text == "none") return FinanceMode::none;
  throw core::Error(core::ErrorKind::input, core::Context{"", 0, 0, "--finance"},
                    fmt::format("expected as-given, commercial or none, got '{}'", text));
}

const char* to_string(FinanceMode mode) {
  switch (mode) {
    case FinanceMode::as_given: return "as-given";
    case FinanceMode::commercial: return "commercial";
    case FinanceMode::none: return "none";
  }
  return "?";
}

}  // namespace silkgrid::finance
