#pragma once
// The largest (and for some the smallest) value each kind of quantity may take in a study.
// Physically generous, they keep every coefficient, bound and right-hand side of the LP many
// orders of magnitude inside what Clp accepts (it aborts on costs from 1e25 and bounds from
// 1e100): a cost of 1e6 EUR/MWh weighted by 8,784 h is 1e10, a capacity of 1e9 MW (the big-M that
// PyPSA-Eur gives its load-shedding generators) times 1e5 hours of storage is 1e14 MWh. The README's "Bad input" section has the same table.
namespace silkgrid::model::limits {

struct Limit {
  double max;
  const char* unit;  // as the message prints it: "expected at most 1e+06 EUR/MWh"
};

inline constexpr Limit price{1e6, "EUR/MWh"};              // fuel, vom, marginal, market, VOLL, spill, PPA
inline constexpr Limit capex_per_kw{1e6, "EUR/kW"};        // capex_eur_per_kw
inline constexpr Limit capex_per_kwh{1e6, "EUR/kWh"};      // capex_eur_per_kwh (storage energy)
inline constexpr Limit capex_per_mw_km{1e7, "EUR/MW/km"};
inline constexpr Limit capital_cost{1e9, "EUR/MW/year"};   // capital_cost_eur_per_mw_year
inline constexpr Limit fom{100.0, "%/year"};
inline constexpr Limit capacity{1e9, "MW"};                // p_nom, p_nom_min, finite p_nom_max, policies' mw (PyPSA-Eur's load shedding: 1e9)
inline constexpr Limit power{1e9, "MW"};                   // loads, market limits, inflows, peaks
inline constexpr Limit energy{1e12, "MWh"};                // initial_mwh
inline constexpr Limit annual_energy{1e5, "TWh"};          // annual_twh, export targets
inline constexpr Limit max_hours{1e5, "h"};
inline constexpr Limit length{1e5, "km"};
inline constexpr Limit lifetime{200.0, "years"};           // at least 1 year
inline constexpr double lifetime_min = 1.0;
inline constexpr Limit co2_factor{10.0, "t/MWh"};          // co2_t_per_mwh_fuel, baseline_t_per_mwh
inline constexpr Limit co2_cap{1e12, "t/year"};
inline constexpr Limit co2_price{1e6, "EUR/t"};            // credit_price_eur_per_t
inline constexpr Limit hours{8784.0, "h"};                 // snapshot_hours, resolution_hours (a leap year)
inline constexpr Limit seconds{1e7, "s"};                  // time_limit_s (116 days)
inline constexpr Limit voltage{1e4, "kV"};
inline constexpr Limit impedance{1e6, "ohm"};
inline constexpr Limit budget{1e13, "EUR"};                // --concessional-budget-eur
inline constexpr double efficiency_min = 0.01;           // generators, links, storage (PyPSA links: > 0)
inline constexpr double hours_min = 1.0 / 60.0;          // snapshot_hours: one minute
inline constexpr double seed_max = 9.0e15;                 // weather.seed, --seed: exact as a double

}  // namespace silkgrid::model::limits
