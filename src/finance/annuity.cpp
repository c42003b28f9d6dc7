#include "finance/annuity.hpp"

#include <algorithm>
#include <cmath>

#include "model/costs.hpp"

namespace silkgrid::finance {

double annuity_factor(double rate, double years) {
  if (!(years > 0)) return 0.0;
  if (std::isinf(years)) return std::max(rate, 0.0);
  if (std::abs(rate) < 1e-12) return 1.0 / years;
  return rate / (1.0 - std::pow(1.0 + rate, -years));
}

namespace {
template <class Capital>
auto& terms_of(Capital& capital, model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::link: return capital.link;
    case model::AssetKind::line: return capital.line;
    case model::AssetKind::storage: return capital.storage;
    case model::AssetKind::generator: break;
  }
  return capital.generator;
}
}  // namespace

CapitalTerms AssetCapital::of(model::AssetKind kind, std::size_t i) const {
  const auto& terms = terms_of(*this, kind);
  return i < terms.size() ? terms[i] : CapitalTerms{};
}

std::vector<CapitalTerms>& AssetCapital::of(model::AssetKind kind) { return terms_of(*this, kind); }

double asset_rate(const model::Investment& invest, std::size_t i, double study_rate, const CapitalTerms& terms) {
  if (model::is_given(terms.rate)) return terms.rate;
  return model::is_given(invest.discount_rate[i]) ? invest.discount_rate[i] : study_rate;
}

double annuity_eur_per_mw_year(double capex_eur_per_mw, const model::Investment& invest, std::size_t i,
                               double study_rate, const CapitalTerms& terms) {
  if (model::is_given(invest.capital_cost_eur_per_mw_year[i])) return invest.capital_cost_eur_per_mw_year[i];
  if (capex_eur_per_mw == 0) return 0.0;
  const double rate = asset_rate(invest, i, study_rate, terms);
  // A grant pays part of the capex: only the rest is recovered; fixed O&M is on the whole asset.
  return capex_eur_per_mw * ((1.0 - terms.grant_share) * annuity_factor(rate, invest.lifetime_years[i]) +
                             invest.fom_pct_per_year[i] / 100.0);
}

double asset_annuity(const model::Study& study, model::AssetKind kind, std::size_t i, const AssetCapital& capital) {
  const double rate = study.settings.discount_rate;
  const CapitalTerms terms = capital.of(kind, i);
  switch (kind) {
    case model::AssetKind::generator:
      return annuity_eur_per_mw_year(model::generator_capex_eur_per_mw(study.generators, i), study.generators.invest, i,
                                     rate, terms);
    case model::AssetKind::link:
      return annuity_eur_per_mw_year(model::link_capex_eur_per_mw(study.links, i), study.links.invest, i, rate, terms);
    case model::AssetKind::storage:
      return annuity_eur_per_mw_year(model::storage_capex_eur_per_mw(study.storage, i), study.storage.invest, i, rate,
                                     terms);
    case model::AssetKind::line:
      return annuity_eur_per_mw_year(study.lines.capex_eur_per_mw_km[i] * study.lines.length_km[i], study.lines.invest, i,
                                     rate, terms);
  }
  return 0.0;
}

}  // namespace silkgrid::finance
