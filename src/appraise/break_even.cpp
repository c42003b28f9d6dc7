#include "appraise/break_even.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "decompose/benders.hpp"
#include "model/costs.hpp"

namespace silkgrid::appraise {

namespace {

const model::Investment& invest_of(const model::Study& s, model::AssetKind k) {
  switch (k) {
    case model::AssetKind::generator: return s.generators.invest;
    case model::AssetKind::link: return s.links.invest;
    case model::AssetKind::line: return s.lines.invest;
    case model::AssetKind::storage: return s.storage.invest;
  }
  return s.generators.invest;
}

model::Investment& invest_of(model::Study& s, model::AssetKind k) {
  return const_cast<model::Investment&>(invest_of(static_cast<const model::Study&>(s), k));
}

double capex_per_mw(const model::Study& s, model::AssetKind k, std::size_t i) {
  switch (k) {
    case model::AssetKind::generator: return model::generator_capex_eur_per_mw(s.generators, i);
    case model::AssetKind::link: return model::link_capex_eur_per_mw(s.links, i);
    case model::AssetKind::line: return s.lines.capex_eur_per_mw_km[i] * s.lines.length_km[i];
    case model::AssetKind::storage: return model::storage_capex_eur_per_mw(s.storage, i);
  }
  return 0;
}

double built(const model::Study& s, const model::Results& r, model::AssetKind k, std::size_t i) {
  switch (k) {
    case model::AssetKind::generator: return r.generator_capacity_mw[i];
    case model::AssetKind::link: return r.link_capacity_mw[i];
    case model::AssetKind::line: return r.line_capacity_mw[i];
    case model::AssetKind::storage: return s.storage.energy_only[i] ? r.storage_energy_mwh[i] : r.storage_power_mw[i];
  }
  return 0;
}

}  // namespace

std::vector<BreakEven> break_even(const model::Study& study, const finance::ProjectFinance& finance,
                                  const model::Results& results, const formulate::SolveStudyOptions& options, bool verify,
                                  core::Logger& log, double entry_mw) {
  std::vector<BreakEven> out;
  const auto add_kind = [&](model::AssetKind kind, const std::vector<std::string>& names, const std::vector<double>& annuity,
                            const std::vector<double>& reduced, const auto& kind_name) {
    const model::Investment& inv = invest_of(study, kind);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!inv.extendable[i]) continue;
      BreakEven b;
      b.name = names[i];
      b.kind = kind_name(i);
      b.asset_kind = kind;
      b.index = i;
      b.built_mw = built(study, results, kind, i);
      b.min_mw = std::max(inv.p_nom_mw[i], inv.p_nom_min_mw[i]);
      b.max_mw = inv.p_nom_max_mw[i];
      b.annuity_eur_per_mw_year = annuity[i];
      b.reduced_cost_eur_per_mw_year = i < reduced.size() ? reduced[i] : 0.0;
      out.push_back(b);
    }
  };
  add_kind(model::AssetKind::generator, study.generators.name, results.generator_annuity_eur_per_mw_year,
           results.generator_capacity_reduced_cost, [](std::size_t) { return std::string("generator"); });
  add_kind(model::AssetKind::link, study.links.name, results.link_annuity_eur_per_mw_year, results.link_capacity_reduced_cost,
           [](std::size_t) { return std::string("link"); });
  add_kind(model::AssetKind::line, study.lines.name, results.line_annuity_eur_per_mw_year, results.line_capacity_reduced_cost,
           [&](std::size_t i) { return std::string(study.lines.transformer[i] ? "transformer" : "line"); });
  add_kind(model::AssetKind::storage, study.storage.name, results.storage_annuity_eur_per_mw_year,
           results.storage_capacity_reduced_cost,
           [&](std::size_t i) { return std::string(study.storage.energy_only[i] ? "store" : "storage"); });

  // Does the candidate enter when its annuity is lowered by `reduction`?
  core::Logger quiet(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  formulate::SolveStudyOptions solve = options;
  solve.write_lp.clear();
  solve.solver.progress = false;
  const auto enters = [&](BreakEven& b, double reduction) {
    model::Study s = study;
    invest_of(s, b.asset_kind).capital_cost_eur_per_mw_year[b.index] = b.annuity_eur_per_mw_year - reduction;
    ++b.solves;
    const model::Results r = decompose::solve(s, solve, quiet);
    if (r.status != "optimal") throw core::Error(core::ErrorKind::solver, fmt::format("a break-even run of '{}' has no optimum", b.name));
    return built(s, r, b.asset_kind, b.index) > b.min_mw + entry_mw;
  };

  for (auto& b : out) {
    const double a = b.annuity_eur_per_mw_year;
    const bool entered = b.built_mw > b.min_mw + entry_mw;
    if (entered) {
      b.reduction_eur_per_mw_year = 0.0;
      b.verified = true;
    } else {
      b.reduction_eur_per_mw_year = std::max(0.0, b.reduced_cost_eur_per_mw_year);
      if (verify) {
        log.progress("break-even: {} {}", b.kind, b.name);
        // A lower bound that does not enter, and an upper bound that does, then bisection.
        // Up to just below no cost at all (at zero the LP is indifferent to building it; below
        // zero it would build its maximum for nothing).
        const double cap = a * (1 - 1e-9);
        const double start = std::clamp(b.reduced_cost_eur_per_mw_year, 0.0, cap);
        double lo = 0, hi = std::min(cap, start * (1 + 1e-6) + 1e-9 * std::max(1.0, a));
        bool found = enters(b, hi);
        if (!found) {
          lo = hi;
          double step = std::max(start, 0.01 * std::max(1.0, a));
          while (!found && hi < cap) {
            hi = std::min(cap, hi + step);
            step *= 2;
            found = enters(b, hi);
            if (!found) lo = hi;
          }
        } else if (start > 0) {
          lo = start * (1 - 1e-6);  // at the reduced cost itself the basis stays optimal
          if (enters(b, lo)) lo = 0;  // degenerate the other way: search below it
        }
        if (!found) {
          b.reduction_eur_per_mw_year.reset();  // not even at no cost
        } else {
          while (hi - lo > 1e-6 * std::max(hi, 1e-9 * std::max(1.0, a))) {
            const double mid = 0.5 * (lo + hi);
            (enters(b, mid) ? hi : lo) = mid;
          }
          b.reduction_eur_per_mw_year = hi;
        }
        b.verified = true;
      }
    }
    if (b.reduction_eur_per_mw_year) {
      const double r = *b.reduction_eur_per_mw_year;
      if (a > 0) b.share = r / a;
      // A grant g of the capex lowers the annuity by g · capex · annuity factor; the capital part
      // of the annuity is (1 − g₀) · capex · factor with the grant g₀ it may have already.
      const double capex = capex_per_mw(study, b.asset_kind, b.index);
      const model::Investment& inv = invest_of(study, b.asset_kind);
      const double g0 = finance.assets.of(b.asset_kind, b.index).grant_share;
      const double capital = a - capex * inv.fom_pct_per_year[b.index] / 100.0;
      if (capex > 0 && capital > 0 && !model::is_given(inv.capital_cost_eur_per_mw_year[b.index])) {
        const double g = r * (1 - g0) / capital;
        if (g <= 1 - g0 + 1e-12) b.grant_share = g;
      }
    }
  }
  return out;
}

}  // namespace silkgrid::appraise
