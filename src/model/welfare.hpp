#pragma once
// Welfare by country (ENTSO-E CBA 4.0, indicator B1, with inelastic demand) from one run's
// results, as plain value types. All figures are EUR per year of the run's weighted snapshots;
// prices are Results::region_price (EUR/MWh), energies weighted by study.time.weights.
//
//   consumer surplus  −Σ_t w·price·(load − unserved) − Σ_t w·VOLL·unserved, at the country's regions
//   producer surplus  generators: Σ_t w·(price − marginal cost)·p; storage: Σ_t w·price·(d − c)
//                     less its marginal, holding and spill costs (inflow and spill carry no price);
//                     less the annuity of extendable ones on their optimal capacity (the objective's
//                     capex, fixed O&M included); less the CO2 cap's price on their emissions and plus
//                     a renewable share's price on the energy that counts toward it
//   congestion rent   links and lines: Σ_t w·(price_to·received − price_from·sent), i.e. net of
//                     losses, less the link's marginal cost and the annuity of an extendable one;
//                     split between the countries at its ends (rent_share_from to the sending
//                     end's, default 0.5)
//   market rent       external markets: Σ_t w·((export price − price)·x + (price − import price)·y),
//                     the country where the market attaches
//   policy rent       CO2 caps: price·emissions counted by the cap, to the emitting country (the
//                     permit revenue); renewable shares: −price·share·demand of each region in
//                     the policy (what its consumers' obligation costs)
//
// Identity: Σ countries (CS + PS + CR + market + policy) = −objective. The prices cancel through
// the balance rows (any prices would), the CO2 terms cancel country by country, and a renewable
// share's terms sum to its price × (renewable energy − share · demand), zero by complementary
// slackness; so the identity holds up to the solver's tolerances with or without binding policies.
// Capacity policies move no money: their scarcity rent stays in the producers' surplus.
#include <string>
#include <vector>

#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::model {

struct CountryWelfare {
  std::string country;
  double consumer_surplus_eur = 0;
  double producer_surplus_eur = 0;
  double congestion_rent_eur = 0;
  double market_rent_eur = 0;
  double policy_rent_eur = 0;
  // Parts, for the reader:
  double consumer_payment_eur = 0;  // Σ w·price·served load (≥ 0 at positive prices)
  double unserved_cost_eur = 0;     // Σ w·VOLL·unserved
  double investment_eur = 0;        // annuities deducted above (its generators, storage, its share of links and lines)
  double load_mwh = 0, served_mwh = 0;

  double welfare_eur() const {
    return consumer_surplus_eur + producer_surplus_eur + congestion_rent_eur + market_rent_eur + policy_rent_eur;
  }
};

struct Welfare {
  std::vector<CountryWelfare> countries;  // in order of first appearance in the regions table
  double objective_eur = 0;               // the run's

  double total_eur() const;
  // Σ welfare + objective: 0 up to rounding.
  double identity_gap_eur() const { return total_eur() + objective_eur; }
  int find(const std::string& country) const;  // index, or -1
};

Welfare welfare_by_country(const Study& study, const Results& results);

// The share of a link's (or a line's) congestion rent that goes to its sending (from) end's country.
double rent_share_from(const Study& study, AssetKind kind, std::size_t i);

// An asset's annuity on its optimal capacity (Results' annuity × capacity, every asset, extendable
// or not), split over the countries of its ends (links and lines: by rent_share_from), as
// (country, EUR per year) pairs; and whether the objective (and so the welfare) counts it.
struct CountryAmount {
  std::string country;
  double eur = 0;
};
std::vector<CountryAmount> asset_annuity_by_country(const Study& study, const Results& results, AssetRef asset);
bool counts_investment(const Study& study, AssetRef asset);

// A cross-border project's benefits and costs by country from runs with and without it
// (appraise/sharing.hpp; README, "Who gains, who pays"). Δ = with − without; the project's own annuities are
// added back to the with-run's surpluses (they are the hosted cost instead), so that
// net impact = ΔSEW − hosted cost and Σ net impact = the project's system value less the
// annuity of its non-extendable assets (which no objective counts).
struct CountrySharing {
  std::string country;
  double delta_consumer_surplus_eur = 0, delta_producer_surplus_eur = 0, delta_congestion_rent_eur = 0;
  double delta_market_rent_eur = 0, delta_policy_rent_eur = 0;
  double delta_welfare_eur = 0;  // ΔSEW: the sum of the five
  double hosted_cost_eur = 0;    // annualised investment of the project's assets in its regions
  double net_impact_eur = 0;     // ΔSEW − hosted cost
  double compensation_eur = 0;   // received (> 0) or paid (< 0)
  bool significant = false;      // a net beneficiary above the threshold
};
struct Sharing {
  std::string project;
  double threshold = 0.1;  // of the total positive net benefits
  std::vector<CountrySharing> countries;
};

}  // namespace silkgrid::model
