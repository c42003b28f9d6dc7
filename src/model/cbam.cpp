#include "model/cbam.hpp"

#include <algorithm>

namespace silkgrid::model {

bool Cbam::inside(const std::string& country) const {
  return std::find(countries.begin(), countries.end(), country) != countries.end();
}

namespace {
double charge(const Study& study, const std::string& exporter, double actual) {
  const Cbam& c = study.cbam;
  const auto d = c.default_t_per_mwh.find(exporter);
  const double factor = is_given(actual) ? actual : (d != c.default_t_per_mwh.end() ? d->second : 0.0);
  const auto paid = c.carbon_price_paid_eur_per_t.find(exporter);
  const double net_price = c.price_eur_per_t - (paid != c.carbon_price_paid_eur_per_t.end() ? paid->second : 0.0);
  return std::max(0.0, factor * net_price);
}
}  // namespace

double link_cbam_eur_per_mwh(const Study& study, std::size_t k, bool forward) {
  if (!study.cbam.present) return 0.0;
  const auto& country = study.regions.country;
  const std::string& from = country[static_cast<std::size_t>(forward ? study.links.from[k] : study.links.to[k])];
  const std::string& to = country[static_cast<std::size_t>(forward ? study.links.to[k] : study.links.from[k])];
  if (!study.cbam.inside(to) || study.cbam.inside(from)) return 0.0;
  return charge(study, from, study.links.cbam_actual(k));
}

double market_cbam_eur_per_mwh(const Study& study, std::size_t i) {
  if (!study.cbam.present || !study.markets.pays_cbam(i)) return 0.0;
  const std::string& country = study.regions.country[static_cast<std::size_t>(study.markets.region[i])];
  if (study.cbam.inside(country)) return 0.0;
  return charge(study, country, not_given);
}

}  // namespace silkgrid::model
