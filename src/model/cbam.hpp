#pragma once
// The CBAM charge on electricity entering the CBAM area (README, "CBAM"), written once for the
// formulation (formulate/cbam.cpp), the welfare accounting and the appraisal.
#include <cstddef>

#include "model/study.hpp"

namespace silkgrid::model {

// EUR per MWh received at the link's `forward` (from → to) or backward end when that end is in
// the CBAM area and the other is not; 0 otherwise. The factor is the link's declared actual
// emissions where given, else the exporting country's default.
double link_cbam_eur_per_mwh(const Study& study, std::size_t k, bool forward);
// EUR per MWh exported to a market that stands for the CBAM area (markets' `cbam: true`).
double market_cbam_eur_per_mwh(const Study& study, std::size_t i);

}  // namespace silkgrid::model
