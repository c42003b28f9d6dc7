#include "finance/accounting.hpp"

#include <cmath>

#include "finance/cashflow.hpp"

namespace silkgrid::finance {

double loan_grant_element(double rate, int tenor_years, int grace_years, double reference_rate) {
  if (tenor_years <= 0) return 0.0;
  const DebtSchedule schedule = debt_schedule(1.0, rate, tenor_years, grace_years, 1, tenor_years + 1);
  return 1.0 - npv(reference_rate, schedule.service);
}

double grant_element(const model::Tranche& tranche, double reference_rate) {
  switch (tranche.kind) {
    case model::TrancheKind::grant: return 1.0;
    case model::TrancheKind::equity: return 0.0;
    case model::TrancheKind::concessional_debt:
    case model::TrancheKind::commercial_debt:
      return loan_grant_element(tranche.rate, static_cast<int>(std::lround(tranche.tenor_years)),
                                static_cast<int>(std::lround(tranche.grace_years)), reference_rate);
  }
  return 0.0;
}

namespace {

std::optional<double> ratio(double numerator, double denominator) {
  if (!(denominator > 0)) return std::nullopt;
  return numerator / denominator;
}

void add_tranche(FinanceTotals& t, const TrancheAccount& a) {
  t.committed_eur += a.amount_eur;
  (a.is_public ? t.public_eur : t.private_eur) += a.amount_eur;
  if (a.kind == model::TrancheKind::grant) t.grant_eur += a.amount_eur;
  else if (a.concessional) t.concessional_loan_eur += a.amount_eur;
  if (a.concessional) t.concessional_eur += a.amount_eur;
  t.grant_equivalent_eur += a.grant_equivalent_eur;
}

void add_totals(FinanceTotals& into, const FinanceTotals& t) {
  into.committed_eur += t.committed_eur;
  into.public_eur += t.public_eur;
  into.private_eur += t.private_eur;
  into.grant_eur += t.grant_eur;
  into.concessional_loan_eur += t.concessional_loan_eur;
  into.concessional_eur += t.concessional_eur;
  into.grant_equivalent_eur += t.grant_equivalent_eur;
  into.private_mobilised_eur += t.private_mobilised_eur;
  into.capacity_mw += t.capacity_mw;
  into.lifetime_energy_mwh += t.lifetime_energy_mwh;
  into.lifetime_co2_avoided_t += t.lifetime_co2_avoided_t;
}

// The ratios of a view from its sums. A provider's view has no co-financing ratio, capacity,
// energy or CO2 (its projects' are shared with the other providers).
void finish(FinanceTotals& t, bool provider) {
  t.grant_element = ratio(t.grant_equivalent_eur, t.committed_eur);
  t.mobilisation_ratio = ratio(t.private_mobilised_eur, t.public_eur);
  t.concessional_share = ratio(t.concessional_eur, t.committed_eur);
  if (provider) return;
  t.co_financing_ratio = ratio(t.committed_eur - t.public_eur, t.public_eur);
  t.public_eur_per_t_co2 = ratio(t.public_eur, t.lifetime_co2_avoided_t);
  t.concessional_eur_per_mw = ratio(t.concessional_eur, t.capacity_mw);
  t.concessional_eur_per_mwh = ratio(t.concessional_eur, t.lifetime_energy_mwh);
}

}  // namespace

FinanceAccounting account_finance(const std::vector<ProjectFinanceInput>& projects, const AccountingOptions& options) {
  FinanceAccounting out;
  out.options = options;
  for (const ProjectFinanceInput& in : projects) {
    ProjectAccount p;
    p.name = in.name;
    p.country = in.country;
    FinanceTotals& t = p.totals;
    for (const model::Tranche& tr : in.tranches) {
      TrancheAccount a;
      a.kind = tr.kind;
      a.provider = tr.provider;
      a.provider_kind = tr.provider_kind;
      a.provider_kind_assumed = tr.provider_kind_assumed;
      a.is_public = model::is_public(tr.provider_kind);
      a.amount_eur = tr.share * in.capex_eur;
      a.grant_element = grant_element(tr, options.reference_rate);
      const bool debt = tr.kind == model::TrancheKind::concessional_debt || tr.kind == model::TrancheKind::commercial_debt;
      // a loan's grant element against the threshold, with a margin for rounding at exactly the threshold
      a.concessional = tr.kind == model::TrancheKind::grant ||
                       (debt && a.grant_element >= options.concessionality_threshold - 1e-12);
      a.grant_equivalent_eur = a.amount_eur * a.grant_element;
      add_tranche(t, a);
      p.tranches.push_back(a);
    }
    // Private finance mobilised (OECD DAC, simple co-financing): all private finance of a
    // project with public finance, attributed to its public tranches pro rata to their amounts.
    if (t.public_eur > 0) {
      t.private_mobilised_eur = t.private_eur;
      for (TrancheAccount& a : p.tranches)
        if (a.is_public) a.private_mobilised_eur = t.private_eur * a.amount_eur / t.public_eur;
    }
    const double years = std::max(in.lifetime_years, 0);
    t.capacity_mw = in.capacity_mw;
    t.lifetime_energy_mwh = in.annual_energy_mwh * years;
    t.lifetime_co2_avoided_t = in.co2_avoided_t_per_year * years;

    add_totals(out.countries[p.country], t);
    add_totals(out.portfolio, t);
    for (const TrancheAccount& a : p.tranches) {
      FinanceTotals& v = out.providers[a.provider];
      add_tranche(v, a);
      v.private_mobilised_eur += a.private_mobilised_eur;
    }
    finish(t, false);
    out.projects.push_back(std::move(p));
  }
  for (auto& [country, t] : out.countries) finish(t, false);
  for (auto& [provider, t] : out.providers) finish(t, true);
  finish(out.portfolio, false);
  return out;
}

}  // namespace silkgrid::finance
