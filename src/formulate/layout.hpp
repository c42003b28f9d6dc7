#pragma once
// Where each variable and each constraint of a study's LP sits. Variables of one component
// are contiguous over time (component-major), so column j of p is p0 + g·T + t.
// Fixed capacities are bounds, not rows; rows exist only where a capacity is a variable.
#include <vector>

#include "model/study.hpp"

namespace silkgrid::formulate {

inline constexpr int none = -1;

struct Layout {
  int T = 0;  // snapshots

  // Columns
  int generation = 0;                 // p[g,t]
  std::vector<int> generator_capacity;  // P[g] or none
  int forward = 0;                    // f+[k,t]
  std::vector<int> backward;          // first column of f-[k,·], or none when one-way
  std::vector<int> link_capacity;     // F[k] or none
  int charge = 0, discharge = 0, soc = 0;  // c, d, e [s,t]
  std::vector<int> storage_capacity;  // S[s] (power; energy when energy_only) or none
  std::vector<int> spill;             // first column of spill[s,·] where the storage has inflow, or none
  int line_flow = 0;                  // f[l,t], free in sign (from → to positive)
  std::vector<int> line_capacity;     // S[l] or none
  int exports = 0, imports = 0;       // x, y [m,t]
  int unserved = 0;                   // u[r,t]
  int num_cols = 0;

  // Rows
  int balance = 0;                    // [r,t]
  std::vector<int> generator_max;     // first row of p − p_max_pu·P ≤ 0 over t, or none
  std::vector<int> generator_min;     // first row of p − p_min_pu·P ≥ 0 over t, or none
  std::vector<int> link_forward_max, link_backward_max;  // f − p_max_pu·F ≤ 0 over t, or none
  std::vector<int> link_forward_min;  // f − p_min_pu·F ≥ 0 over t where p_min_pu ≠ 0, or none
  std::vector<int> line_max, line_min;  // f − s_max_pu·S ≤ 0 and f + s_max_pu·S ≥ 0 over t, or none
  std::vector<std::vector<std::pair<int, double>>> cycles;  // line cycles: (line, ±1) around each
  int kvl = 0;                        // Kirchhoff's voltage law [cycle, t]
  int storage_level = 0;              // state-of-charge balance [s,t]
  std::vector<int> storage_charge_max, storage_discharge_max, storage_energy_max;  // or none
  std::vector<int> storage_energy_min;  // e − level_min_pu·max_hours·S ≥ 0 over t, or none
  std::vector<int> policy;            // one row per policy, or none when trivially met
  int num_rows = 0;

  int p(std::size_t g, std::size_t t) const { return generation + static_cast<int>(g) * T + static_cast<int>(t); }
  int f_fwd(std::size_t k, std::size_t t) const { return forward + static_cast<int>(k) * T + static_cast<int>(t); }
  int f_bwd(std::size_t k, std::size_t t) const { return backward[k] + static_cast<int>(t); }
  int c(std::size_t s, std::size_t t) const { return charge + static_cast<int>(s) * T + static_cast<int>(t); }
  int d(std::size_t s, std::size_t t) const { return discharge + static_cast<int>(s) * T + static_cast<int>(t); }
  int e(std::size_t s, std::size_t t) const { return soc + static_cast<int>(s) * T + static_cast<int>(t); }
  int spill_col(std::size_t s, std::size_t t) const { return spill[s] + static_cast<int>(t); }
  int x(std::size_t m, std::size_t t) const { return exports + static_cast<int>(m) * T + static_cast<int>(t); }
  int y(std::size_t m, std::size_t t) const { return imports + static_cast<int>(m) * T + static_cast<int>(t); }
  int f_line(std::size_t l, std::size_t t) const { return line_flow + static_cast<int>(l) * T + static_cast<int>(t); }
  int kvl_row(std::size_t c, std::size_t t) const { return kvl + static_cast<int>(c) * T + static_cast<int>(t); }
  int u(std::size_t r, std::size_t t) const { return unserved + static_cast<int>(r) * T + static_cast<int>(t); }
  int balance_row(std::size_t r, std::size_t t) const { return balance + static_cast<int>(r) * T + static_cast<int>(t); }
  int level_row(std::size_t s, std::size_t t) const { return storage_level + static_cast<int>(s) * T + static_cast<int>(t); }
};

// Whether a generator's p_min_pu is zero at every snapshot (then it needs no lower row).
bool min_pu_is_zero(const model::Study& study, std::size_t g);
// Whether a policy needs a row (capacity policies over fixed capacity only need none).
bool policy_needs_row(const model::Study& study, std::size_t p);

// A cycle basis of the line network, AC and DC lines apart: one cycle per line that closes a
// loop in a spanning forest, as (line, +1 when the cycle runs from → to, −1 otherwise).
std::vector<std::vector<std::pair<int, double>>> line_cycles(const model::Study& study);

Layout make_layout(const model::Study& study);

}  // namespace silkgrid::formulate
