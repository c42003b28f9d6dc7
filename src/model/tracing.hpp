#pragma once
// Where exported power comes from (README, "Trade"): flow tracing by proportional sharing
// (Bialek 1996, "Tracing the flow of electricity", IEE Proc. Gener. Transm. Distrib. 143(4);
// the "average participation" of Kirschen, Allan and Strbac 1997). In each snapshot every
// region is a perfect mixer: what leaves it (sent on links and lines, exported, consumed,
// stored) has the mix of what enters it — its generators' output (of its country), its storage's
// discharge (counted as its country's: the stored energy is not traced back), its imports from
// external markets (of that market), and what its links and lines deliver (each with the mix of
// the region it comes from). The mixes solve m_i · P_i = L_i + Σ_j R_ji · m_j, P_i = ΣL_i + Σ_j R_ji,
// exactly in one pass in topological order where the flows have no cycle (Gauss–Seidel to
// convergence on a cycle), and each mix is normalised to sum to 1, so that a market's exports
// by origin add up to its exports.
#include <string>
#include <vector>

#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::model {

struct ExportTrace {
  std::vector<std::string> origins;  // the study's countries (first appearance), then the markets imported from
  std::vector<std::vector<double>> by_market_mwh;  // [market][origin]: weighted MWh exported
  std::vector<double> total_mwh;                   // [origin]
};

ExportTrace trace_exports(const Study& study, const Results& results);

// Export target i against a run: all exports through its markets, and its country's own (traced)
// exports through them; met by the country's own where it names one, else by all.
struct ExportGoal {
  double exports_mwh = 0, own_exports_mwh = 0;
  bool met = false;
};
ExportGoal check_export_target(const Study& study, const Results& results, const ExportTrace& trace, std::size_t i);

}  // namespace silkgrid::model
