#pragma once
// Small studies worked out by hand that more than one test uses (a layer's unit test and the
// command line's), as YAML text. The numbers are in the comments of the tests that use them.
#include <string>

namespace silkgrid::test {

// Two countries and an extendable cable A → B (efficiency 0.9, up to 100 MW at 5 EUR/MW-year), one
// snapshot of 2 h: tests/appraise/sharing_test.cpp works out who gains and who pays.
inline const std::string cable_between_two_countries = R"(
study: {name: cable, snapshots: 1, snapshot_hours: 2}
carriers: [{name: gas}]
regions: [{name: A, country: AA}, {name: B, country: BB}]
loads: [{name: la, region: A, p_mw: 100}, {name: lb, region: B, p_mw: 200}]
generators:
  - {name: a10, region: A, carrier: gas, p_nom_mw: 150, vom_eur_per_mwh: 10}
  - {name: a20, region: A, carrier: gas, p_nom_mw: 300, vom_eur_per_mwh: 20}
  - {name: b30, region: B, carrier: gas, p_nom_mw: 150, vom_eur_per_mwh: 30}
  - {name: b50, region: B, carrier: gas, p_nom_mw: 300, vom_eur_per_mwh: 50}
links:
  - {name: ab, from: A, to: B, p_nom_mw: 0, extendable: true, p_nom_max_mw: 100, efficiency: 0.9,
     capital_cost_eur_per_mw_year: 5}
projects:
  - {name: cable, assets: [ab], country: AA, lifetime_years: 40}
)";

// A chain UZ → KZ → AZ with exports at AZ's market, `snapshots` hours of the same hour:
// tests/model/tracing_test.cpp traces the exports by hand.
inline std::string chain_uz_kz_az(int snapshots) {
  return "study: {name: chain, snapshots: " + std::to_string(snapshots) + R"(}
carriers: [{name: gas}]
regions: [{name: U, country: UZ}, {name: K, country: KZ}, {name: A, country: AZ}]
loads: [{name: lk, region: K, p_mw: 30}, {name: la, region: A, p_mw: 20}]
generators:
  - {name: gu, region: U, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 10}
  - {name: gk, region: K, carrier: gas, p_nom_mw: 50, vom_eur_per_mwh: 20}
  - {name: ga, region: A, carrier: gas, p_nom_mw: 50, vom_eur_per_mwh: 30}
links:
  - {name: uk, from: U, to: K, p_nom_mw: 500, efficiency: 1}
  - {name: ka, from: K, to: A, p_nom_mw: 500, efficiency: 1}
markets:
  - {name: EU, region: A, export_price_eur_per_mwh: 100, import_price_eur_per_mwh: 120, max_export_mw: 1000}
)";
}

}  // namespace silkgrid::test
