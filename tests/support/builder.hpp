#pragma once
// A study written in C++ for tests of the layers below io (model, formulate, appraise): no
// YAML, no files. Values not given take the study format's defaults; a profile is a number or
// one value per snapshot. build() validates the study as the readers do.
//
//   const model::Study study = test::StudyBuilder(2)
//       .carrier("gas").region("A")
//       .load({.name = "load-A", .region = "A", .p_mw = {10}})
//       .generator({.name = "gas-A", .region = "A", .carrier = "gas", .p_nom = 100, .vom = 50})
//       .build();
#include <limits>
#include <string>
#include <vector>

#include "model/study.hpp"

namespace silkgrid::test {

// A number (one value) or a series (one value per snapshot).
using Series = std::vector<double>;

struct GeneratorSpec {
  std::string name, region, carrier;
  double p_nom = 0;
  bool extendable = false;
  double p_nom_min = 0, p_nom_max = std::numeric_limits<double>::infinity();
  double capital_cost = model::not_given;  // EUR/MW-year (PyPSA's capital_cost)
  double efficiency = 1, fuel = 0, vom = 0;
  Series p_max_pu = {1}, p_min_pu = {0};
};

struct LinkSpec {
  std::string name, from, to;
  double p_nom = 0;
  bool extendable = false;
  double p_nom_max = std::numeric_limits<double>::infinity();
  double capital_cost = model::not_given;
  double efficiency = 1;
  bool bidirectional = true;
  double marginal_cost = 0;
  Series p_min_pu = {0}, p_max_pu = {1};
};

struct StorageSpec {
  std::string name, region, carrier;
  double p_nom = 0;
  bool extendable = false;
  double p_nom_max = std::numeric_limits<double>::infinity();
  double capital_cost = model::not_given;
  double max_hours = 1, efficiency_store = 1, efficiency_dispatch = 1, standing_loss = 0;
  bool cyclic = true;
  double initial_mwh = 0;
  Series inflow = {0};
};

struct LoadSpec {
  std::string name, region;
  Series p_mw = {0};
};

struct MarketSpec {
  std::string name, region;
  Series export_price = {0}, import_price = {0}, max_export = {0}, max_import = {0};
};

class StudyBuilder {
 public:
  explicit StudyBuilder(std::size_t snapshots, double hours = 1.0, std::string name = "built");
  StudyBuilder& voll(double eur_per_mwh);
  StudyBuilder& carrier(const std::string& name, double co2_t_per_mwh_fuel = 0, bool renewable = false);
  StudyBuilder& region(const std::string& name, const std::string& country = "KZ");
  StudyBuilder& load(const LoadSpec& spec);
  StudyBuilder& generator(const GeneratorSpec& spec);
  StudyBuilder& link(const LinkSpec& spec);
  StudyBuilder& storage(const StorageSpec& spec);
  StudyBuilder& market(const MarketSpec& spec);
  StudyBuilder& co2_cap(double t_per_year, const std::vector<std::string>& regions = {});
  // The study, validated (core::Error(input) as the readers throw it).
  model::Study build() const;
  // The study as it stands, not validated: for tests of the validator.
  const model::Study& unvalidated() const { return study_; }

 private:
  model::Profile profile(const std::string& owner, const Series& values);
  int region_of(const std::string& name) const;
  int carrier_of(const std::string& name) const;
  model::Study study_;
};

}  // namespace silkgrid::test
