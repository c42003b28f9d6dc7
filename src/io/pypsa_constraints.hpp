#pragma once
// The constraints of a study that PyPSA's CSV format cannot hold, as silkgrid writes them beside
// the CSV files of a PyPSA folder: `silkgrid_constraints.py`, a Python module whose
// extra_functionality(n, snapshots) adds them to PyPSA's linopy model (PyPSA 0.26:
// n.optimize(extra_functionality=...)), and whose CONSTRAINTS table holds their data. The table
// is written as JSON (which is also a Python literal), so that silkgrid's PyPSA reader reads it
// back without running Python: a converted folder solves in silkgrid as the study did.
//
//   capacity_ties         the two one-way links of a lossy two-way extendable link: equal p_nom
//   co2_caps              a CO2 cap over some buses (PyPSA's primary_energy is network-wide)
//   renewable_shares      the weighted output of some carriers' generators at some buses at
//                         least a share of the weighted load there
//   capacity_limits       the capacity of a carrier's generators at some buses at most / least
//   storage_level_limits  a storage unit's level within [min_pu, max_pu] · max_hours · p_nom
#include <string>
#include <vector>

namespace silkgrid::io {

inline constexpr const char* constraints_module_file = "silkgrid_constraints.py";

struct PyPsaConstraints {
  struct Tie {
    std::string name;     // the study's two-way link
    std::string forward;  // its PyPSA links
    std::string reverse;
  };
  struct Co2Cap {
    std::string name;
    std::vector<std::string> buses;
    double t_per_year = 0;
  };
  struct RenewableShare {
    std::string name;
    std::vector<std::string> buses, carriers;
    double share = 0;
  };
  struct CapacityLimit {
    std::string name;
    std::vector<std::string> buses;
    std::string carrier;
    bool at_most = true;  // "<=", else ">="
    double mw = 0;
  };
  // One value (a constant) or one per snapshot of the network; empty = no limit on that side.
  struct StorageLevel {
    std::string storage_unit;
    std::vector<double> min_pu, max_pu;
  };
  std::vector<Tie> ties;
  std::vector<Co2Cap> co2_caps;
  std::vector<RenewableShare> renewable_shares;
  std::vector<CapacityLimit> capacity_limits;
  std::vector<StorageLevel> storage_levels;

  std::size_t size() const {
    return ties.size() + co2_caps.size() + renewable_shares.size() + capacity_limits.size() + storage_levels.size();
  }
  bool empty() const { return size() == 0; }
};

// The module's text for the study `study_name`.
std::string constraints_module(const PyPsaConstraints& constraints, const std::string& study_name);

// The CONSTRAINTS table of a module's text (`file` for messages): an input error naming the
// file, line and key where it is missing or not what silkgrid writes.
PyPsaConstraints parse_constraints_module(const std::string& text, const std::string& file);

}  // namespace silkgrid::io
