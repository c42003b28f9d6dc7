#pragma once
// The study as plain value types: one table per component kind, stored column-wise like
// PyPSA's component tables (one vector per attribute, one row per component). Time-varying
// attributes are `Profile`s: a constant, or a column of the study's time-series table.
// Units are in the names: MW, MWh, EUR, t, hours.
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/solver_method.hpp"
#include "core/time_axis.hpp"
#include "model/outages.hpp"
#include "model/weather_spec.hpp"

namespace silkgrid::model {

inline constexpr double unlimited = std::numeric_limits<double>::infinity();
inline bool is_given(double value) { return !std::isnan(value); }
inline constexpr double not_given = std::numeric_limits<double>::quiet_NaN();

// The study's time series: one column per named profile, one row per snapshot.
struct TimeSeriesTable {
  std::string file;                         // where it was read from (for messages)
  std::vector<std::string> names;           // column names
  std::vector<std::vector<double>> values;  // values[column][snapshot]

  int find(const std::string& name) const;  // column index, or -1
};

// A number, or a column of the time-series table times a scale.
struct Profile {
  double constant = 0.0;
  int column = -1;  // index into TimeSeriesTable::values; -1 = constant
  double scale = 1.0;

  static Profile fixed(double value) { return Profile{value, -1, 1.0}; }
  bool is_constant() const { return column < 0; }
  double at(const TimeSeriesTable& series, std::size_t t) const {
    return column < 0 ? constant : scale * series.values[static_cast<std::size_t>(column)][t];
  }
};

struct Carriers {
  std::vector<std::string> name;
  std::vector<double> co2_t_per_mwh_fuel;
  std::vector<char> renewable;
  std::size_t size() const { return name.size(); }
};

struct Regions {
  std::vector<std::string> name;
  std::vector<std::string> country;
  std::vector<double> lat, lon;
  std::size_t size() const { return name.size(); }
};

struct Loads {
  std::vector<std::string> name;
  std::vector<int> region;
  std::vector<Profile> p_mw;
  std::size_t size() const { return name.size(); }
};

// Investment terms shared by every asset kind. An extendable asset's capacity is a variable
// in [max(p_nom, p_nom_min), p_nom_max]; p_nom is its existing part.
struct Investment {
  std::vector<double> p_nom_mw, p_nom_min_mw, p_nom_max_mw;
  std::vector<char> extendable;
  std::vector<double> fom_pct_per_year, lifetime_years;
  std::vector<double> discount_rate;  // not_given = the study's
  // PyPSA's capital_cost: when given, the annuity per MW-year itself (fixed O&M included),
  // used instead of capex, lifetime and discount rate.
  std::vector<double> capital_cost_eur_per_mw_year;
  void push(double p_nom, bool ext, double p_min, double p_max, double fom, double lifetime, double rate,
            double capital_cost = not_given);
};

struct Generators {
  std::vector<std::string> name;
  std::vector<int> region, carrier;
  Investment invest;
  std::vector<double> capex_eur_per_kw;
  std::vector<double> efficiency, fuel_eur_per_mwh_fuel, vom_eur_per_mwh;
  // A time-varying variable cost (PyPSA's marginal_cost series), EUR/MWh: when given (a column,
  // not the fixed not_given default) it replaces fuel / efficiency + vom.
  std::vector<Profile> marginal_cost_series;
  // Output limits per unit of capacity. A negative p_min_pu lets the generator absorb power
  // (PyPSA: a market sink, p < 0 earning −marginal_cost).
  std::vector<Profile> p_max_pu, p_min_pu;
  std::size_t size() const { return name.size(); }
};

enum class LinkKind { custom, hvdc_subsea, hvdc_overhead, ac_overhead };

struct Links {
  std::vector<std::string> name;
  std::vector<int> from, to;
  Investment invest;
  std::vector<LinkKind> kind;
  std::vector<double> length_km, capex_eur_per_mw_km, capex_eur_per_kw;
  std::vector<double> efficiency;  // resolved: given, or from kind and length
  std::vector<char> bidirectional;
  std::vector<double> marginal_cost_eur_per_mwh;  // per MWh sent, each direction
  // Flow limits per unit of capacity (PyPSA's p_min_pu, p_max_pu). A negative p_min_pu makes a
  // one-way link reversible as PyPSA does: one flow variable of either sign, whose efficiency
  // applies in both directions.
  // Either may be a time series (PyPSA's links-p_max_pu.csv).
  std::vector<Profile> p_min_pu, p_max_pu;
  // The share of the link's congestion rent that goes to the country of its from end (welfare by
  // country); the rest to the to end's. Shorter than the table where not given: 0.5 (the convention).
  std::vector<double> rent_share_from;
  double rent_share(std::size_t k) const { return k < rent_share_from.size() ? rent_share_from[k] : 0.5; }
  // CBAM (README, "CBAM"): the declared actual emissions of the electricity the link brings into
  // the CBAM area, t/MWh, in place of the exporting country's default; shorter than the table
  // (or not_given) where not declared.
  std::vector<double> cbam_actual_t_per_mwh;
  double cbam_actual(std::size_t k) const { return k < cbam_actual_t_per_mwh.size() ? cbam_actual_t_per_mwh[k] : not_given; }
  std::size_t size() const { return name.size(); }
  // Whether p_min_pu is negative at some snapshot (one flow of either sign).
  bool reversible(std::size_t k, const TimeSeriesTable& series, std::size_t T) const;
  bool min_pu_is_zero(std::size_t k, const TimeSeriesTable& series, std::size_t T) const;
};

// Lines and transformers: lossless AC or DC branches whose flows follow the linearised power
// flow (Kirchhoff's voltage law): around every cycle of AC branches Σ x·f = −Σ φ, of DC lines
// Σ r·f = 0, with the impedance in per unit of a 1 MVA base as PyPSA computes it (lines:
// x / v_nom², transformers: x / s_nom · tap_ratio) and φ a transformer's phase shift (radians).
enum class LineKind { ac, dc };

struct Lines {
  std::vector<std::string> name;
  std::vector<int> from, to;
  Investment invest;  // p_nom_mw = s_nom
  std::vector<LineKind> kind;
  std::vector<double> x_ohm, r_ohm, v_nom_kv;  // as given (study lines); not_given for transformers
  std::vector<double> x_pu, r_pu;              // resolved, per unit of 1 MVA (what KVL uses)
  std::vector<double> phase_shift_deg;         // transformers; 0 for lines
  std::vector<char> transformer;
  std::vector<double> s_max_pu;
  // The share of the line's circuits in service (1 unless an ensemble draws outages); times s_max_pu.
  std::vector<Profile> availability;
  std::vector<double> length_km, capex_eur_per_mw_km;
  std::vector<double> rent_share_from;  // as Links'
  double rent_share(std::size_t k) const { return k < rent_share_from.size() ? rent_share_from[k] : 0.5; }
  std::size_t size() const { return name.size(); }
  // The impedance Kirchhoff's voltage law uses: x (AC) or r (DC), per unit.
  double impedance_pu(std::size_t i) const { return kind[i] == LineKind::ac ? x_pu[i] : r_pu[i]; }
};

// Storage: a level e (MWh) that charging c and discharging d move, PyPSA's StorageUnit, and,
// with `energy_only`, PyPSA's Store (capacity in MWh, one flow d of either sign, no losses).
//   e[t] = (1−σ)^{h_t}·e[t−1] + h_t·(η_c·c − d/η_d + inflow − spill)
// with h_t the store weight of snapshot t; e[−1] = e[T−1] when cyclic, else the initial level
// (no standing loss applied to it, as in PyPSA).
struct Storage {
  std::vector<std::string> name;
  std::vector<int> region;
  std::vector<int> carrier;  // -1 when none
  Investment invest;         // power capacity in MW (energy in MWh when energy_only)
  std::vector<double> max_hours, efficiency_store, efficiency_dispatch, standing_loss_per_hour;
  std::vector<double> capex_eur_per_kw, capex_eur_per_kwh;
  std::vector<double> marginal_cost_eur_per_mwh;  // per MWh discharged (energy_only: per MWh of d, either sign)
  std::vector<double> marginal_cost_storage_eur_per_mwh_h;  // per MWh held for one hour
  std::vector<char> cyclic;          // else the level starts from initial_mwh
  std::vector<double> initial_mwh;
  std::vector<Profile> inflow_mw;    // natural inflow into the level (hydro); may be spilled
  std::vector<double> spill_cost_eur_per_mwh;
  std::vector<Profile> dispatch_max_pu, charge_max_pu;  // of power capacity (PyPSA p_max_pu, −p_min_pu)
  std::vector<Profile> level_min_pu, level_max_pu;      // of energy capacity
  std::vector<Profile> level_set_mwh;  // fixed level where given, free where not_given
  std::vector<char> energy_only;       // PyPSA Store semantics (max_hours 1, efficiencies 1)
  std::size_t size() const { return name.size(); }
  // Appends a storage unit with the defaults for every attribute after the efficiencies.
  void push_defaults();
  bool has_inflow(std::size_t i, const TimeSeriesTable& series) const;
  bool level_min_is_zero(std::size_t i, const TimeSeriesTable& series) const;
};

struct Markets {
  std::vector<std::string> name;
  std::vector<int> region;
  std::vector<Profile> export_price_eur_per_mwh, import_price_eur_per_mwh;
  std::vector<Profile> max_export_mw, max_import_mw;
  // The market stands for the CBAM area (the EU) seen from a region outside it: its exports pay
  // the CBAM charge of the region's country. Shorter than the table where not given: no.
  std::vector<char> cbam;
  bool pays_cbam(std::size_t i) const { return i < cbam.size() && cbam[i]; }
  std::size_t size() const { return name.size(); }
};

// The EU's carbon border adjustment on imported electricity (Regulation (EU) 2023/956; README,
// "CBAM"): a charge per MWh entering the CBAM area from a country outside it, of the
// applicable emission factor × (the EU carbon price − the carbon price paid where it was made).
struct Cbam {
  bool present = false;
  double price_eur_per_t = 0;                         // the CBAM certificate price (the EU ETS price)
  std::vector<std::string> countries;                 // the CBAM area: the study's countries inside the EU
  std::map<std::string, double> default_t_per_mwh;    // by exporting country: the default emission factor
  std::map<std::string, double> carbon_price_paid_eur_per_t;  // by exporting country: deducted (none: 0)
  bool inside(const std::string& country) const;
};

enum class PolicyKind { co2_cap, min_renewable_share, max_capacity, min_capacity };

struct Policies {
  std::vector<std::string> name;  // given, or "<kind>-<index>"
  std::vector<PolicyKind> kind;
  std::vector<std::vector<int>> regions;
  std::vector<int> carrier;  // capacity policies; -1 otherwise
  std::vector<std::vector<int>> carriers;  // min_renewable_share: the carriers that count (empty = all renewable)
  std::vector<double> value;  // t_per_year, share or mw
  std::size_t size() const { return name.size(); }
};

// Projects: named groups of the study's assets that a sponsor builds and finances, appraised
// one by one (README, "Projects and climate finance").
enum class TrancheKind { grant, concessional_debt, commercial_debt, equity };
// Who provides a tranche, by kind of institution (README, "Climate-finance accounting"): the
// first six are public (official) finance, the last three private.
enum class ProviderKind {
  mdb,                // multilateral development bank: EBRD, ADB, AIIB, EIB, World Bank
  dfi,                // bilateral development finance institution: IFC-like, DEG, Proparco, BII
  bilateral,          // a government's development agency or bilateral lender (JICA, KfW, USAID)
  multilateral_fund,  // a multilateral climate fund: GCF, CIF, GEF
  export_credit,      // an export credit agency
  government,         // a government, the EU, a state-owned company or utility
  commercial_bank,
  institutional,      // pension funds, insurers, asset managers
  corporate,          // a company's own equity: the sponsor
};
bool is_public(ProviderKind kind);
struct Tranche {
  TrancheKind kind = TrancheKind::equity;
  double share = 0;       // of the capex
  double rate = 0;        // yearly, real; a grant's is 0
  double tenor_years = 0; // debt
  double grace_years = 0; // debt: interest only
  std::string provider = "sponsor";                  // a free name: EBRD, ADB, EU, sponsor, ...
  ProviderKind provider_kind = ProviderKind::corporate;
  bool provider_kind_assumed = false;  // not given: the default of its kind (README, "Climate-finance accounting")
};
// The finance of a project without tranches: all equity of its sponsor at `rate`.
Tranche sponsor_equity(double rate);
struct FinanceTerms {
  std::vector<Tranche> tranches;
  double tax_rate = 0;
};
enum class AssetKind { generator, link, storage, line };
struct AssetRef {
  AssetKind kind = AssetKind::generator;
  int index = -1;
};
enum class RevenueKind { market, ppa };
enum class ProjectStatus { idea, feasibility, financing, construction, operating };

struct Projects {
  std::vector<std::string> name;
  std::vector<std::vector<AssetRef>> assets;
  std::vector<std::string> country, sponsor;
  std::vector<ProjectStatus> status;
  std::vector<RevenueKind> revenue;
  std::vector<double> ppa_price_eur_per_mwh;  // with revenue ppa
  std::vector<int> construction_years;
  std::vector<double> lifetime_years;         // not_given = the longest of its assets'
  std::vector<FinanceTerms> finance;
  std::vector<double> credit_price_eur_per_t;  // not_given = no carbon credits
  std::vector<double> baseline_t_per_mwh;      // not_given = the region's average emission factor of the run
  std::size_t size() const { return name.size(); }
};

// Export targets: goals for the energy sold through some markets in a year, which the report
// and the summary compare with the run (they do not constrain it).
struct ExportTargets {
  std::vector<std::string> name;
  std::vector<std::vector<int>> markets;
  std::vector<double> twh;
  std::vector<std::string> country;  // whose goal: met by that country's own traced exports (empty: any power)
  std::vector<std::string> note;  // where the target comes from
  std::size_t size() const { return name.size(); }
};

// How the planning LP is solved: as one LP, or decomposed by time (decompose/benders.hpp).
enum class Decomposition {
  automatic,  // Benders where the study is large (decompose::choose says which and why), else one LP
  none,       // the monolithic LP
  benders,    // Benders decomposition over subperiods of subperiod_hours
};

struct SolverOptions {
  core::SolverMethod method = core::SolverMethod::dual;
  bool presolve = true;
  double time_limit_s = 0.0;  // 0 = none
  int log_level = 0;          // Clp's own log level (0 quiet .. 4 verbose)
  Decomposition decomposition = Decomposition::automatic;
  double subperiod_hours = 168.0;  // Benders: the length of a subperiod (the last one may be shorter)
  double gap = 1e-4;               // Benders: stop when (upper − lower) / |upper| ≤ gap
  int max_iterations = 500;        // Benders: stop (with the gap reached so far, a warning) after this many
  double stabilisation = 0.5;      // Benders: in-out λ (separation point λ·best + (1 − λ)·master); 0 = plain
  int threads = 0;                 // Benders: subperiods solved at a time in each process; 0 = one per core (run --threads)
};

struct StudySettings {
  std::string name = "study";
  std::string start = "2030-01-01T00:00";
  double snapshot_hours = 1.0;
  double discount_rate = 0.07;
  double voll_eur_per_mwh = 10000.0;
  double resolution_hours = 0.0;  // snapshots are blocks of this many hours; 0 = as the series
  // Climate-finance accounting (finance/accounting.hpp): the reference rate of grant elements
  // (the IMF's 5 %) and the grant element at which a loan counts as concessional (35 %).
  double grant_element_discount_rate = 0.05;
  double concessionality_threshold = 0.35;
  bool from_pypsa = false;        // read from a PyPSA folder: PyPSA's conventions (link efficiencies > 1: conversions)
  std::string scenario;                // the scenario overlay applied (empty: the study as written)
  std::vector<std::string> scenarios;  // the scenarios the study holds
};

struct Study {
  std::string file;  // the study file, for messages and relative paths
  StudySettings settings;
  SolverOptions solver;
  core::TimeAxis time;
  TimeSeriesTable series;
  Carriers carriers;
  Regions regions;
  Loads loads;
  Generators generators;
  Links links;
  Lines lines;
  Storage storage;
  Markets markets;
  Policies policies;
  Projects projects;
  ExportTargets export_targets;
  Cbam cbam;
  Outages outages;                              // forced outages and maintenance (ensembles only)
  int weather_years = 1;                        // weather years stacked with equal weight (run --weather-years)
  WeatherSpec weather;                          // the generator spec, when the study has one
  std::vector<ProfileSummary> profile_summary;  // what the generated profiles came out as

  std::size_t snapshots() const { return time.size(); }
  int find_region(const std::string& name) const;
  int find_carrier(const std::string& name) const;
};

// Whether `region` is one of `regions` (a policy's).
bool in_regions(const std::vector<int>& regions, int region);
// Whether generator g's energy counts toward renewable-share policy p: in its regions, renewable,
// and of its listed carriers (all renewable ones when it lists none).
bool counts_toward_share(const Study& study, std::size_t p, std::size_t g);

// Averages the time series over blocks of `block` consecutive snapshots (the last block may
// be shorter); each new snapshot takes the first timestamp of its block and the sum of its
// weights. Weighted means, and so annual energies, are preserved.
void resample(core::TimeAxis& time, TimeSeriesTable& series, std::size_t block);
// The same over blocks of any length: `firsts` holds each block's first snapshot, ascending,
// from 0 (time-series aggregation: variable-length segments).
void resample_blocks(core::TimeAxis& time, TimeSeriesTable& series, const std::vector<std::size_t>& firsts);
// Chronological segmentation (as tsam's segmentation in PyPSA-Eur and GenX's): the first
// snapshot of each of `count` segments of consecutive snapshots, found by merging, again and
// again, the two neighbouring segments whose merge adds least to the weighted within-segment
// variance of every series column (each scaled to its range; Ward's criterion).
std::vector<std::size_t> segment_firsts(const core::TimeAxis& time, const TimeSeriesTable& series, std::size_t count);

// Whether `hours` is a whole multiple (1 to 10^7 times) of `step`: a resolution a series of
// that step can be averaged into (blocks of std::llround(hours / step) snapshots).
bool whole_multiple(double hours, double step);

const char* to_string(PolicyKind kind);
const char* to_string(LinkKind kind);
const char* to_string(TrancheKind kind);
const char* to_string(ProviderKind kind);
const char* to_string(AssetKind kind);
const char* to_string(RevenueKind kind);
const char* to_string(ProjectStatus status);

}  // namespace silkgrid::model
