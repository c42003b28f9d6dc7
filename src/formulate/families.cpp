// The constraint families, in the order the builder runs them. Adding a family: a new file
// that defines its class and its `make_…` function, and one line here.
#include "formulate/family.hpp"

namespace silkgrid::formulate {

std::unique_ptr<Family> make_balance();     // balance.cpp: energy balance per region, unserved load, prices
std::unique_ptr<Family> make_generators();  // generators.cpp: dispatch, marginal costs, curtailment, CO2
std::unique_ptr<Family> make_links();       // links.cpp: link flows and losses
std::unique_ptr<Family> make_lines();       // lines.cpp: line flows and Kirchhoff's voltage law
std::unique_ptr<Family> make_storage();     // storage.cpp: storage levels, charge, discharge, spill
std::unique_ptr<Family> make_markets();     // markets.cpp: exports and imports at market prices
std::unique_ptr<Family> make_cbam();        // cbam.cpp: the CBAM charge on flows into the CBAM area
std::unique_ptr<Family> make_policies();    // policies.cpp: CO2 caps, renewable shares, capacity limits
std::unique_ptr<Family> make_capacity();    // capacity.cpp: capacity columns and the shared capacity rule
std::unique_ptr<Family> make_candidates();  // candidates.cpp: binary candidate choices and their budget

std::vector<std::unique_ptr<Family>> make_families() {
  std::vector<std::unique_ptr<Family>> list;
  list.push_back(make_balance());
  list.push_back(make_generators());
  list.push_back(make_links());
  list.push_back(make_lines());
  list.push_back(make_storage());
  list.push_back(make_markets());
  list.push_back(make_cbam());  // after links and markets: prices their flows into the CBAM area
  list.push_back(make_policies());
  list.push_back(make_capacity());    // it limits the flows the others declared
  list.push_back(make_candidates());  // after capacity: ties capacity columns to the choices
  return list;
}

}  // namespace silkgrid::formulate
