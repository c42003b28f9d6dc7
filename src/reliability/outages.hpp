#pragma once
// Forced outages and planned maintenance of generators' units and links' and lines' circuits
// (README, "Ensembles: weather years and outages"). Each unit is a two-state Markov chain in
// hours, drawn from its own seeded stream (the year's seed, the asset and the unit), so a draw
// does not depend on threads, processes or the other assets.
#include <cstdint>
#include <string>
#include <vector>

#include "model/study.hpp"

namespace silkgrid::reliability {

// A unit's chain: the stationary unavailability q and the mean repair time r (hours). Each
// hour an available unit fails with probability q / (1 − q) / r and a failed one is repaired
// with probability 1 / r: the down share is q and outages last r hours on average.
struct UnitChain {
  double unavailability = 0;
  double repair_h = 1;
};
// From forced_outage_rate, or from failures_per_year λ (× length / 100 km with per_100km):
// q = λr / (8760 + λr).
UnitChain unit_chain(const model::OutageSpec& spec, double length_km);

// A unit's hourly states (1 = in service), starting from the stationary distribution.
std::vector<char> draw_unit(const UnitChain& chain, std::size_t hours, std::uint64_t seed);

// The share of each outage entry's units in service, per snapshot of the study.
struct Availability {
  std::vector<std::vector<double>> share;  // [entry of study.outages][snapshot]
  std::vector<double> expected;            // each entry's long-run share (1 − q), maintenance aside
};

// Draws the year of `seed` over the study's snapshots (hours from their weights): forced
// outages (`forced`) and maintenance, each unit's `maintenance_weeks` in one block of whole
// hours placed in the low-demand season by the levelised-reserve rule: unit by unit (assets in
// the study's order), the window starting at a week whose total load plus the capacity already
// in maintenance is least.
Availability draw(const model::Study& study, std::uint64_t seed, bool forced = true);

// Multiplies each asset's limits by its share in service: generators' and links' p_max_pu and
// p_min_pu (new columns of the time series), lines' availability.
void apply(model::Study& study, const Availability& availability);

// The name of an outage entry's asset, e.g. "generator coal-KZ-N".
std::string asset_label(const model::Study& study, std::size_t entry);

}  // namespace silkgrid::reliability
