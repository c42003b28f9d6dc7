#pragma once
// A cycle basis of the line network, for Kirchhoff's voltage law (lines.cpp).
#include <vector>

#include "model/study.hpp"

namespace silkgrid::formulate {

// A cycle basis of the line network, AC and DC lines apart: one cycle per line that closes a
// loop in a spanning forest, as (line, +1 when the cycle runs from → to, −1 otherwise). Short
// cycles where they are independent (fewer non-zeros), the fundamental cycles otherwise.
std::vector<std::vector<std::pair<int, double>>> line_cycles(const model::Study& study);

}  // namespace silkgrid::formulate
