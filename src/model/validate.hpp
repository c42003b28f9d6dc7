#pragma once
// Consistency checks of a study built in memory (by the YAML reader, a PyPSA import or a
// generator). Each failure throws core::Error(input) whose key names the table, the row and
// the attribute ("generators[3].efficiency") and whose message says what was expected.
#include "core/logger.hpp"
#include "model/study.hpp"

namespace silkgrid::model {

void validate(const Study& study, core::Logger& log);

}  // namespace silkgrid::model
