#include "appraise/sharing.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "appraise/appraise.hpp"
#include "core/error.hpp"
#include "core/suggest.hpp"
#include "decompose/benders.hpp"

namespace silkgrid::appraise {

namespace {

model::CountrySharing& entry(model::Sharing& s, const std::string& country) {
  for (auto& c : s.countries)
    if (c.country == country) return c;
  s.countries.push_back(model::CountrySharing{country});
  return s.countries.back();
}

}  // namespace

std::size_t find_project(const model::Study& study, const std::string& name) {
  const auto& names = study.projects.name;
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  throw core::Error(core::ErrorKind::input, core::Context{study.file, 0, 0, "--project"},
                    names.empty() ? fmt::format("no project '{}': the study has no projects", name)
                                  : fmt::format("no project '{}' in the study{}", name, core::did_you_mean(name, names)));
}

model::Sharing share_benefits(const model::Study& study, std::size_t project, const model::Results& with,
                              const model::Results& without, double threshold) {
  model::Sharing s;
  s.project = study.projects.name[project];
  s.threshold = threshold;
  model::Welfare w_with = model::welfare_by_country(study, with);
  const model::Welfare w_without = model::welfare_by_country(study, without);
  // The project's annuities: hosted cost, and added back where the with-run's welfare deducted them.
  for (const model::AssetRef& ref : study.projects.assets[project]) {
    const bool counted = model::counts_investment(study, ref);
    const bool transmission = ref.kind == model::AssetKind::link || ref.kind == model::AssetKind::line;
    for (const auto& part : model::asset_annuity_by_country(study, with, ref)) {
      entry(s, part.country).hosted_cost_eur += part.eur;
      if (!counted) continue;
      const int c = w_with.find(part.country);
      if (c < 0) continue;
      auto& cw = w_with.countries[static_cast<std::size_t>(c)];
      (transmission ? cw.congestion_rent_eur : cw.producer_surplus_eur) += part.eur;
      cw.investment_eur -= part.eur;
    }
  }
  for (const auto& a : w_with.countries) {
    auto& c = entry(s, a.country);
    const int j = w_without.find(a.country);
    const model::CountryWelfare b = j >= 0 ? w_without.countries[static_cast<std::size_t>(j)] : model::CountryWelfare{};
    c.delta_consumer_surplus_eur = a.consumer_surplus_eur - b.consumer_surplus_eur;
    c.delta_producer_surplus_eur = a.producer_surplus_eur - b.producer_surplus_eur;
    c.delta_congestion_rent_eur = a.congestion_rent_eur - b.congestion_rent_eur;
    c.delta_market_rent_eur = a.market_rent_eur - b.market_rent_eur;
    c.delta_policy_rent_eur = a.policy_rent_eur - b.policy_rent_eur;
    c.delta_welfare_eur = a.welfare_eur() - b.welfare_eur();
  }
  for (auto& c : s.countries) c.net_impact_eur = c.delta_welfare_eur - c.hosted_cost_eur;
  allocate_compensation(s);
  return s;
}

void allocate_compensation(model::Sharing& s) {
  double positive = 0;
  for (const auto& c : s.countries) positive += std::max(0.0, c.net_impact_eur);
  double gains = 0, losses = 0;
  for (auto& c : s.countries) {
    c.compensation_eur = 0;
    c.significant = c.net_impact_eur > 0 && c.net_impact_eur >= s.threshold * positive;
    if (c.significant) gains += c.net_impact_eur;
    if (c.hosted_cost_eur > 0 && c.net_impact_eur < 0) losses += -c.net_impact_eur;
  }
  if (gains <= 0 || losses <= 0) return;
  const double transfer = std::min(gains, losses);
  for (auto& c : s.countries) {
    if (c.significant) c.compensation_eur = -transfer * c.net_impact_eur / gains;
    else if (c.hosted_cost_eur > 0 && c.net_impact_eur < 0) c.compensation_eur = transfer * -c.net_impact_eur / losses;
  }
}

SharingRuns share_project(const model::Study& study, std::size_t p, const formulate::SolveStudyOptions& options,
                          double threshold, core::Logger& log) {
  SharingRuns r;
  log.info("project '{}': the run with it", study.projects.name[p]);
  log.progress("share: the run with '{}'", study.projects.name[p]);
  r.with = decompose::solve(study, options, log);
  formulate::SolveStudyOptions without_options = options;
  without_options.write_lp.clear();  // --write-lp is the LP of the study
  log.info("project '{}': the run without it (its assets removed)", study.projects.name[p]);
  log.progress("share: the run without '{}'", study.projects.name[p]);
  r.without = decompose::solve(without_project(study, p), without_options, log);
  r.sharing = share_benefits(study, p, r.with, r.without, threshold);
  return r;
}

}  // namespace silkgrid::appraise
