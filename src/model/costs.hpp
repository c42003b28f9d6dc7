#pragma once
// Cost and loss terms derived from a study's attributes, as the README documents them.
#include "model/study.hpp"

namespace silkgrid::model {

double generator_capex_eur_per_mw(const Generators& g, std::size_t i);
double link_capex_eur_per_mw(const Links& l, std::size_t i);
// Storage capex per MW of power: inverter per kW plus max_hours of energy per kWh.
double storage_capex_eur_per_mw(const Storage& s, std::size_t i);
// (Annuities of these capexes: finance/annuity.hpp.)

// The investment terms of a project's asset.
const Investment& investment_of(const Study& study, AssetRef asset);
Investment& investment_of(Study& study, AssetRef asset);
// A project's lifetime: its own, else the longest of its assets' (not_given when none has one).
double project_lifetime_years(const Study& study, std::size_t p);

// fuel / efficiency + vom (EUR per MWh of electricity).
double marginal_cost_eur_per_mwh(const Study& study, std::size_t g);
// At snapshot t: the time-varying marginal cost where the generator has one, else the above.
double marginal_cost_eur_per_mwh(const Study& study, std::size_t g, std::size_t t);
// carrier CO2 per MWh of fuel / efficiency (t per MWh of electricity).
double co2_t_per_mwh(const Study& study, std::size_t g);

// Loss figures used when a link has no `efficiency` (README, "Links").
struct LinkLossFigures {
  double loss_per_1000_km;     // fraction of power lost per 1,000 km at rated power
  double loss_per_converter;   // fraction lost at each converter station (two per link)
};
LinkLossFigures link_loss_figures(LinkKind kind);
double link_efficiency_from_kind(LinkKind kind, double length_km);

}  // namespace silkgrid::model
