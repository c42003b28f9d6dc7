#include "model/costs.hpp"

#include <cmath>

namespace silkgrid::model {

double generator_capex_eur_per_mw(const Generators& g, std::size_t i) { return g.capex_eur_per_kw[i] * 1000.0; }

double link_capex_eur_per_mw(const Links& l, std::size_t i) {
  return l.capex_eur_per_mw_km[i] * l.length_km[i] + l.capex_eur_per_kw[i] * 1000.0;
}

double storage_capex_eur_per_mw(const Storage& s, std::size_t i) {
  return s.capex_eur_per_kw[i] * 1000.0 + s.capex_eur_per_kwh[i] * 1000.0 * s.max_hours[i];
}

const Investment& investment_of(const Study& study, AssetRef asset) {
  switch (asset.kind) {
    case AssetKind::generator: return study.generators.invest;
    case AssetKind::link: return study.links.invest;
    case AssetKind::storage: return study.storage.invest;
    case AssetKind::line: return study.lines.invest;
  }
  return study.generators.invest;
}

Investment& investment_of(Study& study, AssetRef asset) {
  return const_cast<Investment&>(investment_of(static_cast<const Study&>(study), asset));
}

double project_lifetime_years(const Study& study, std::size_t p) {
  if (is_given(study.projects.lifetime_years[p])) return study.projects.lifetime_years[p];
  double longest = not_given;
  for (const AssetRef& a : study.projects.assets[p]) {
    const double years = investment_of(study, a).lifetime_years[static_cast<std::size_t>(a.index)];
    if (is_given(years) && (!is_given(longest) || years > longest)) longest = years;
  }
  return longest;
}

double marginal_cost_eur_per_mwh(const Study& study, std::size_t g) {
  const auto& gen = study.generators;
  return gen.fuel_eur_per_mwh_fuel[g] / gen.efficiency[g] + gen.vom_eur_per_mwh[g];
}

double marginal_cost_eur_per_mwh(const Study& study, std::size_t g, std::size_t t) {
  const Profile& series = study.generators.marginal_cost_series[g];
  return series.is_constant() ? marginal_cost_eur_per_mwh(study, g) : series.at(study.series, t);
}

double co2_t_per_mwh(const Study& study, std::size_t g) {
  const auto& gen = study.generators;
  return study.carriers.co2_t_per_mwh_fuel[static_cast<std::size_t>(gen.carrier[g])] / gen.efficiency[g];
}

LinkLossFigures link_loss_figures(LinkKind kind) {
  switch (kind) {
    case LinkKind::hvdc_subsea: return {0.030, 0.007};
    case LinkKind::hvdc_overhead: return {0.030, 0.007};
    case LinkKind::ac_overhead: return {0.060, 0.0};
    case LinkKind::custom: return {0.0, 0.0};
  }
  return {0.0, 0.0};
}

double link_efficiency_from_kind(LinkKind kind, double length_km) {
  const LinkLossFigures f = link_loss_figures(kind);
  return (1.0 - f.loss_per_1000_km * length_km / 1000.0) * (1.0 - f.loss_per_converter) *
         (1.0 - f.loss_per_converter);
}

}  // namespace silkgrid::model
