#pragma once
// Cost and loss terms derived from a study's attributes, as the README documents them.
#include "model/study.hpp"

namespace silkgrid::model {

// r / (1 - (1+r)^-n); 1/n when r = 0.
double annuity_factor(double rate, double years);

// The discount rate an asset uses: its own, else the study's.
double asset_rate(const Investment& invest, std::size_t i, double study_rate);

// EUR per MW of capacity per year: capex · (1 − grant share) · annuity_factor + capex · fom%;
// the asset's capital_cost_eur_per_mw_year instead when given; 0 without capex.
double annuity_eur_per_mw_year(double capex_eur_per_mw, const Investment& invest, std::size_t i,
                               double study_rate);

double generator_capex_eur_per_mw(const Generators& g, std::size_t i);
double link_capex_eur_per_mw(const Links& l, std::size_t i);
// Storage capex per MW of power: inverter per kW plus max_hours of energy per kWh.
double storage_capex_eur_per_mw(const Storage& s, std::size_t i);

double generator_annuity(const Study& study, std::size_t g);
double link_annuity(const Study& study, std::size_t l);
double storage_annuity(const Study& study, std::size_t s);
double line_annuity(const Study& study, std::size_t l);  // capex_eur_per_mw_km · length_km per MW

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
