#include "support/builder.hpp"

#include <stdexcept>

#include "core/logger.hpp"
#include "model/validate.hpp"

namespace silkgrid::test {

StudyBuilder::StudyBuilder(std::size_t snapshots, double hours, std::string name) {
  study_.file = "builder";
  study_.settings.name = std::move(name);
  study_.settings.snapshot_hours = hours;
  study_.time = core::regular_time_axis(study_.settings.start, snapshots, hours);
}

StudyBuilder& StudyBuilder::voll(double eur_per_mwh) {
  study_.settings.voll_eur_per_mwh = eur_per_mwh;
  return *this;
}

StudyBuilder& StudyBuilder::carrier(const std::string& name, double co2, bool renewable) {
  study_.carriers.name.push_back(name);
  study_.carriers.co2_t_per_mwh_fuel.push_back(co2);
  study_.carriers.renewable.push_back(renewable ? 1 : 0);
  return *this;
}

StudyBuilder& StudyBuilder::region(const std::string& name, const std::string& country) {
  auto& r = study_.regions;
  r.name.push_back(name);
  r.country.push_back(country);
  r.lat.push_back(model::not_given);
  r.lon.push_back(model::not_given);
  return *this;
}

model::Profile StudyBuilder::profile(const std::string& owner, const Series& values) {
  if (values.size() == 1) return model::Profile::fixed(values[0]);
  if (values.size() != study_.snapshots())
    throw std::invalid_argument(owner + ": a series needs one value per snapshot");
  study_.series.names.push_back(owner + ":" + std::to_string(study_.series.names.size()));
  study_.series.values.push_back(values);
  return model::Profile{0.0, static_cast<int>(study_.series.names.size() - 1), 1.0};
}

int StudyBuilder::region_of(const std::string& name) const {
  const int r = study_.find_region(name);
  if (r < 0) throw std::invalid_argument("unknown region " + name);
  return r;
}

int StudyBuilder::carrier_of(const std::string& name) const {
  const int c = study_.find_carrier(name);
  if (c < 0) throw std::invalid_argument("unknown carrier " + name);
  return c;
}

StudyBuilder& StudyBuilder::load(const LoadSpec& spec) {
  auto& l = study_.loads;
  l.name.push_back(spec.name);
  l.region.push_back(region_of(spec.region));
  l.p_mw.push_back(profile(spec.name, spec.p_mw));
  return *this;
}

StudyBuilder& StudyBuilder::generator(const GeneratorSpec& spec) {
  auto& g = study_.generators;
  g.name.push_back(spec.name);
  g.region.push_back(region_of(spec.region));
  g.carrier.push_back(carrier_of(spec.carrier));
  g.invest.push(spec.p_nom, spec.extendable, spec.p_nom_min, spec.p_nom_max, 0.0, model::not_given, model::not_given,
                spec.capital_cost);
  g.capex_eur_per_kw.push_back(0.0);
  g.efficiency.push_back(spec.efficiency);
  g.fuel_eur_per_mwh_fuel.push_back(spec.fuel);
  g.vom_eur_per_mwh.push_back(spec.vom);
  g.marginal_cost_series.push_back(model::Profile::fixed(model::not_given));
  g.p_max_pu.push_back(profile(spec.name, spec.p_max_pu));
  g.p_min_pu.push_back(profile(spec.name, spec.p_min_pu));
  return *this;
}

StudyBuilder& StudyBuilder::link(const LinkSpec& spec) {
  auto& k = study_.links;
  k.name.push_back(spec.name);
  k.from.push_back(region_of(spec.from));
  k.to.push_back(region_of(spec.to));
  k.invest.push(spec.p_nom, spec.extendable, 0.0, spec.p_nom_max, 0.0, model::not_given, model::not_given, spec.capital_cost);
  k.kind.push_back(model::LinkKind::custom);
  k.length_km.push_back(0.0);
  k.capex_eur_per_mw_km.push_back(0.0);
  k.capex_eur_per_kw.push_back(0.0);
  k.efficiency.push_back(spec.efficiency);
  k.bidirectional.push_back(spec.bidirectional ? 1 : 0);
  k.marginal_cost_eur_per_mwh.push_back(spec.marginal_cost);
  k.p_min_pu.push_back(profile(spec.name, spec.p_min_pu));
  k.p_max_pu.push_back(profile(spec.name, spec.p_max_pu));
  return *this;
}

StudyBuilder& StudyBuilder::storage(const StorageSpec& spec) {
  auto& s = study_.storage;
  s.name.push_back(spec.name);
  s.region.push_back(region_of(spec.region));
  s.carrier.push_back(spec.carrier.empty() ? -1 : carrier_of(spec.carrier));
  s.invest.push(spec.p_nom, spec.extendable, 0.0, spec.p_nom_max, 0.0, model::not_given, model::not_given, spec.capital_cost);
  s.max_hours.push_back(spec.max_hours);
  s.efficiency_store.push_back(spec.efficiency_store);
  s.efficiency_dispatch.push_back(spec.efficiency_dispatch);
  s.standing_loss_per_hour.push_back(spec.standing_loss);
  s.capex_eur_per_kw.push_back(0.0);
  s.capex_eur_per_kwh.push_back(0.0);
  s.marginal_cost_eur_per_mwh.push_back(0.0);
  s.push_defaults();
  s.cyclic.back() = spec.cyclic ? 1 : 0;
  s.initial_mwh.back() = spec.initial_mwh;
  s.inflow_mw.back() = profile(spec.name, spec.inflow);
  return *this;
}

StudyBuilder& StudyBuilder::market(const MarketSpec& spec) {
  auto& m = study_.markets;
  m.name.push_back(spec.name);
  m.region.push_back(region_of(spec.region));
  m.export_price_eur_per_mwh.push_back(profile(spec.name, spec.export_price));
  m.import_price_eur_per_mwh.push_back(profile(spec.name, spec.import_price));
  m.max_export_mw.push_back(profile(spec.name, spec.max_export));
  m.max_import_mw.push_back(profile(spec.name, spec.max_import));
  return *this;
}

StudyBuilder& StudyBuilder::co2_cap(double t_per_year, const std::vector<std::string>& regions) {
  auto& p = study_.policies;
  p.name.push_back("co2_cap-" + std::to_string(p.size()));
  p.kind.push_back(model::PolicyKind::co2_cap);
  std::vector<int> ids;
  for (const auto& r : regions) ids.push_back(region_of(r));
  if (regions.empty())
    for (std::size_t r = 0; r < study_.regions.size(); ++r) ids.push_back(static_cast<int>(r));
  p.regions.push_back(ids);
  p.carrier.push_back(-1);
  p.carriers.push_back({});
  p.value.push_back(t_per_year);
  return *this;
}

model::Study StudyBuilder::build() const {
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::warning);
  model::validate(study_, log);
  return study_;
}

}  // namespace silkgrid::test
