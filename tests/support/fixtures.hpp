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

// Two countries with a solar project each (100 MW in KZ with an EU grant and an EBRD loan; 60 MW
// in AZ on commercial debt), over one snapshot of a year: tests/cli/cli_test.cpp and
// tests/report/report_test.cpp work out the climate-finance accounting by hand. `region_a`: the
// keys of region A after its name and country (e.g. its coordinates).
inline std::string two_financed_pv_projects(const std::string& region_a = "") {
  return R"(
study: {name: accounting, snapshots: 1, snapshot_hours: 8760}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: solar, renewable: true}]
regions: [{name: A, country: KZ)" + region_a + R"(}, {name: B, country: AZ}]
loads: [{name: load-A, region: A, p_mw: 200}, {name: load-B, region: B, p_mw: 200}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 300, efficiency: 0.5, fuel_eur_per_mwh_fuel: 30}
  - {name: gas-B, region: B, carrier: gas, p_nom_mw: 300, efficiency: 0.5, fuel_eur_per_mwh_fuel: 30}
  - {name: pv-A, region: A, carrier: solar, p_nom_mw: 100, p_max_pu: 0.25, capex_eur_per_kw: 500, lifetime_years: 25}
  - {name: pv-B, region: B, carrier: solar, p_nom_mw: 60, p_max_pu: 0.25, capex_eur_per_kw: 500, lifetime_years: 25}
projects:
  - name: pv-a
    assets: [pv-A]
    country: KZ
    finance:
      tranches:
        - {kind: grant, share: 0.2, provider: EU, provider_kind: government}
        - {kind: concessional_debt, share: 0.4, rate: 0.01, tenor_years: 20, grace_years: 5, provider: EBRD, provider_kind: mdb}
        - {kind: equity, share: 0.4, rate: 0.1}
  - name: pv-b
    assets: [pv-B]
    country: AZ
    finance:
      tranches:
        - {kind: commercial_debt, share: 0.7, rate: 0.08, tenor_years: 10, provider: BankB, provider_kind: commercial_bank}
        - {kind: equity, share: 0.3, rate: 0.1}
)";
}

}  // namespace silkgrid::test
