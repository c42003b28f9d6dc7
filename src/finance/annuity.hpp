#pragma once
// Annuities: the one place silkgrid turns a capital cost into a cost per year. Used by the
// build-out (formulate's capacity rule), the PyPSA reader (overnight_cost) and writer
// (capital_cost), the results (annuity per asset) and the cash-flow models (level debt service).
#include <cstddef>
#include <vector>

#include "model/study.hpp"

namespace silkgrid::finance {

// The capital recovery factor r / (1 − (1+r)^−n): 1/n at r = 0, r for an infinite lifetime
// (PyPSA's convention; 0 at r ≤ 0), 0 for n ≤ 0.
double annuity_factor(double rate, double years);

// The cost of capital an asset is built under: its project's finance (finance::project_finance).
struct CapitalTerms {
  double rate = model::not_given;  // not_given: the asset's own discount_rate, else the study's
  double grant_share = 0.0;        // the share of the capex a grant pays: the annuity recovers the rest
};

// CapitalTerms per asset kind and index, an input of the build (formulate::BuildOptions) and of
// everything that prices an asset's capacity. An asset past the end of its kind's list (every
// asset, for an empty AssetCapital) has the default terms: its own rate, no grant.
struct AssetCapital {
  std::vector<CapitalTerms> generator, link, line, storage;
  CapitalTerms of(model::AssetKind kind, std::size_t i) const;
  std::vector<CapitalTerms>& of(model::AssetKind kind);
};

// The discount rate an asset uses: its terms' rate, else its own, else the study's.
double asset_rate(const model::Investment& invest, std::size_t i, double study_rate, const CapitalTerms& terms = {});

// EUR per MW of capacity per year: capex · (1 − grant share) · annuity_factor + capex · fom%;
// the asset's capital_cost_eur_per_mw_year instead when given; 0 without capex.
double annuity_eur_per_mw_year(double capex_eur_per_mw, const model::Investment& invest, std::size_t i,
                               double study_rate, const CapitalTerms& terms = {});

// The annuity of asset i of a study's table of `kind`, per MW (storage: per MW of power, or per
// MWh for an energy-only store; lines: capex_eur_per_mw_km · length_km per MW), under `capital`.
double asset_annuity(const model::Study& study, model::AssetKind kind, std::size_t i, const AssetCapital& capital = {});

}  // namespace silkgrid::finance
