#include "model/welfare.hpp"

#include <algorithm>

#include "model/costs.hpp"

namespace silkgrid::model {

namespace {


double at(const Matrix& m, std::size_t i, std::size_t t) { return i < m.rows && t < m.cols ? m(i, t) : 0.0; }
double at(const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : 0.0; }

}  // namespace

double Welfare::total_eur() const {
  double sum = 0;
  for (const auto& c : countries) sum += c.welfare_eur();
  return sum;
}

int Welfare::find(const std::string& country) const {
  for (std::size_t i = 0; i < countries.size(); ++i)
    if (countries[i].country == country) return static_cast<int>(i);
  return -1;
}

double rent_share_from(const Study& study, AssetKind kind, std::size_t i) {
  if (kind == AssetKind::link) return study.links.rent_share(i);
  if (kind == AssetKind::line) return study.lines.rent_share(i);
  return 1.0;
}

bool counts_investment(const Study& study, AssetRef asset) {
  return investment_of(study, asset).extendable[static_cast<std::size_t>(asset.index)] != 0;
}

std::vector<CountryAmount> asset_annuity_by_country(const Study& study, const Results& r, AssetRef asset) {
  const auto i = static_cast<std::size_t>(asset.index);
  const auto& regions = study.regions;
  switch (asset.kind) {
    case AssetKind::generator:
      return {{regions.country[static_cast<std::size_t>(study.generators.region[i])],
               at(r.generator_annuity_eur_per_mw_year, i) * at(r.generator_capacity_mw, i)}};
    case AssetKind::storage:
      return {{regions.country[static_cast<std::size_t>(study.storage.region[i])],
               at(r.storage_annuity_eur_per_mw_year, i) *
                   (study.storage.energy_only[i] ? at(r.storage_energy_mwh, i) : at(r.storage_power_mw, i))}};
    case AssetKind::link:
    case AssetKind::line: {
      const bool link = asset.kind == AssetKind::link;
      const int from = link ? study.links.from[i] : study.lines.from[i];
      const int to = link ? study.links.to[i] : study.lines.to[i];
      const double cost = link ? at(r.link_annuity_eur_per_mw_year, i) * at(r.link_capacity_mw, i)
                               : at(r.line_annuity_eur_per_mw_year, i) * at(r.line_capacity_mw, i);
      const double share = rent_share_from(study, asset.kind, i);
      return {{regions.country[static_cast<std::size_t>(from)], share * cost},
              {regions.country[static_cast<std::size_t>(to)], (1.0 - share) * cost}};
    }
  }
  return {};
}

Welfare welfare_by_country(const Study& study, const Results& r) {
  Welfare out;
  out.objective_eur = r.objective_eur;
  const auto& regions = study.regions;
  std::vector<std::size_t> country_of(regions.size());
  for (std::size_t reg = 0; reg < regions.size(); ++reg) {
    int c = out.find(regions.country[reg]);
    if (c < 0) {
      c = static_cast<int>(out.countries.size());
      out.countries.push_back(CountryWelfare{regions.country[reg]});
    }
    country_of[reg] = static_cast<std::size_t>(c);
  }
  const auto country = [&](int region) -> CountryWelfare& {
    return out.countries[country_of[static_cast<std::size_t>(region)]];
  };
  const std::size_t T = std::min(study.snapshots(), r.region_price.cols);
  const auto w = [&](std::size_t t) { return study.time.weights[t]; };
  const auto price = [&](int region, std::size_t t) { return at(r.region_price, static_cast<std::size_t>(region), t); };
  const double voll = study.settings.voll_eur_per_mwh;

  // Consumers.
  for (std::size_t reg = 0; reg < regions.size(); ++reg) {
    auto& c = out.countries[country_of[reg]];
    for (std::size_t t = 0; t < T; ++t) {
      const double load = at(r.region_load, reg, t), unserved = at(r.region_unserved, reg, t);
      const double pay = w(t) * price(static_cast<int>(reg), t) * (load - unserved);
      c.consumer_payment_eur += pay;
      c.load_mwh += w(t) * load;
      c.served_mwh += w(t) * (load - unserved);
      if (unserved != 0.0) c.unserved_cost_eur += w(t) * voll * unserved;
    }
  }
  for (auto& c : out.countries) c.consumer_surplus_eur = -c.consumer_payment_eur - c.unserved_cost_eur;

  // Investment the objective counts, deducted where the asset's surplus is.
  const auto invest = [&](AssetKind kind, std::size_t i, double CountryWelfare::*term) {
    const AssetRef ref{kind, static_cast<int>(i)};
    if (!counts_investment(study, ref)) return;
    const auto parts = asset_annuity_by_country(study, r, ref);
    const auto& reg = kind == AssetKind::link ? study.links.from : kind == AssetKind::line ? study.lines.from
                      : kind == AssetKind::generator                ? study.generators.region
                                                                    : study.storage.region;
    const auto& reg_to = kind == AssetKind::link ? study.links.to : study.lines.to;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      auto& c = country(k == 0 ? reg[i] : reg_to[i]);
      c.*term -= parts[k].eur;
      c.investment_eur += parts[k].eur;
    }
  };

  // Generators.
  const auto& gen = study.generators;
  for (std::size_t g = 0; g < gen.size(); ++g) {
    auto& c = country(gen.region[g]);
    for (std::size_t t = 0; t < T; ++t) {
      const double p = at(r.generator_p, g, t);
      if (p == 0.0) continue;
      c.producer_surplus_eur += w(t) * (price(gen.region[g], t) - marginal_cost_eur_per_mwh(study, g, t)) * p;
    }
    invest(AssetKind::generator, g, &CountryWelfare::producer_surplus_eur);
  }

  // Storage: the grid exchange at the price, its own costs; inflow and spill carry no price.
  const auto& st = study.storage;
  for (std::size_t s = 0; s < st.size(); ++s) {
    auto& c = country(st.region[s]);
    for (std::size_t t = 0; t < T; ++t) {
      const double d = at(r.storage_discharge, s, t), ch = at(r.storage_charge, s, t);
      c.producer_surplus_eur += w(t) * (price(st.region[s], t) * (d - ch) - st.marginal_cost_eur_per_mwh[s] * d -
                                        st.marginal_cost_storage_eur_per_mwh_h[s] * at(r.storage_soc, s, t) -
                                        st.spill_cost_eur_per_mwh[s] * at(r.storage_spill, s, t));
    }
    invest(AssetKind::storage, s, &CountryWelfare::producer_surplus_eur);
  }

  // Links: received at the receiving price less sent at the sending price, each way; a
  // reversible link's one flow may be negative (the same formula).
  const auto& links = study.links;
  for (std::size_t k = 0; k < links.size(); ++k) {
    double rent = 0;
    const double eta = links.efficiency[k];
    for (std::size_t t = 0; t < T; ++t) {
      const double f = at(r.link_forward, k, t), b = at(r.link_backward, k, t);
      const double pf = price(links.from[k], t), pt = price(links.to[k], t);
      rent += w(t) * (pt * eta * f - pf * f + pf * eta * b - pt * b - links.marginal_cost_eur_per_mwh[k] * (f + b));
    }
    const double share = links.rent_share(k);
    country(links.from[k]).congestion_rent_eur += share * rent;
    country(links.to[k]).congestion_rent_eur += (1.0 - share) * rent;
    invest(AssetKind::link, k, &CountryWelfare::congestion_rent_eur);
    // The CBAM charge leaves the study (to the EU's CBAM certificates): the exporting country,
    // at the end outside the area, bears it out of the link's rent.
    if (k < r.link_cbam_cost_eur.size() && r.link_cbam_cost_eur[k] != 0.0) {
      const bool from_outside = !study.cbam.inside(regions.country[static_cast<std::size_t>(links.from[k])]);
      country(from_outside ? links.from[k] : links.to[k]).congestion_rent_eur -= r.link_cbam_cost_eur[k];
    }
  }

  // Lines (lossless): (price_to − price_from) · flow.
  const auto& lines = study.lines;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    double rent = 0;
    for (std::size_t t = 0; t < T; ++t)
      rent += w(t) * (price(lines.to[l], t) - price(lines.from[l], t)) * at(r.line_flow, l, t);
    const double share = lines.rent_share(l);
    country(lines.from[l]).congestion_rent_eur += share * rent;
    country(lines.to[l]).congestion_rent_eur += (1.0 - share) * rent;
    invest(AssetKind::line, l, &CountryWelfare::congestion_rent_eur);
  }

  // External markets.
  const auto& m = study.markets;
  const auto profile = [&](const Profile& p, std::size_t t) { return p.at(study.series, t); };
  for (std::size_t i = 0; i < m.size(); ++i) {
    auto& c = country(m.region[i]);
    for (std::size_t t = 0; t < T; ++t) {
      const double x = at(r.market_export, i, t), y = at(r.market_import, i, t);
      const double p = price(m.region[i], t);
      c.market_rent_eur += w(t) * ((profile(m.export_price_eur_per_mwh[i], t) - p) * x +
                                   (p - profile(m.import_price_eur_per_mwh[i], t)) * y);
    }
    if (i < r.market_cbam_cost_eur.size()) c.market_rent_eur -= r.market_cbam_cost_eur[i];
  }

  // Policies: the CO2 price on emissions (producers pay it, the emitting country collects it) and
  // a renewable share's price (renewable producers earn it, the consumers of its regions pay it).
  const auto& pol = study.policies;
  for (std::size_t p = 0; p < pol.size(); ++p) {
    const double mu = at(r.policy_shadow_price, p);
    if (mu == 0.0) continue;
    if (pol.kind[p] == PolicyKind::co2_cap) {
      for (std::size_t g = 0; g < gen.size(); ++g) {
        if (!in_regions(pol.regions[p], gen.region[g])) continue;
        double co2 = 0;
        for (std::size_t t = 0; t < T; ++t) co2 += study.time.generator_weight(t) * at(r.generator_p, g, t);
        co2 *= co2_t_per_mwh(study, g);
        country(gen.region[g]).producer_surplus_eur -= mu * co2;
        country(gen.region[g]).policy_rent_eur += mu * co2;
      }
      // A store of a fuel that emits (not cyclic) counts what it depletes over the run,
      // co2 · (initial level − final level), as the cap's row does: its owner pays for that.
      const auto& st = study.storage;
      for (std::size_t s = 0; s < st.size(); ++s) {
        if (!in_regions(pol.regions[p], st.region[s]) || st.cyclic[s] || st.carrier[s] < 0 || T == 0) continue;
        const double co2 = study.carriers.co2_t_per_mwh_fuel[static_cast<std::size_t>(st.carrier[s])] *
                           (st.initial_mwh[s] - at(r.storage_soc, s, T - 1));
        country(st.region[s]).producer_surplus_eur -= mu * co2;
        country(st.region[s]).policy_rent_eur += mu * co2;
      }
    } else if (pol.kind[p] == PolicyKind::min_renewable_share) {
      for (std::size_t g = 0; g < gen.size(); ++g) {
        if (!counts_toward_share(study, p, g)) continue;
        double energy = 0;
        for (std::size_t t = 0; t < T; ++t) energy += w(t) * at(r.generator_p, g, t);
        country(gen.region[g]).producer_surplus_eur += mu * energy;
      }
      for (int reg : pol.regions[p]) {
        double demand = 0;
        for (std::size_t t = 0; t < T; ++t) demand += w(t) * at(r.region_load, static_cast<std::size_t>(reg), t);
        country(reg).policy_rent_eur -= mu * pol.value[p] * demand;
      }
    }
  }
  return out;
}

}  // namespace silkgrid::model
