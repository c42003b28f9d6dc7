#pragma once
// Consistency checks of a study built in memory (by the YAML reader, a PyPSA import or a
// generator). Each failure throws core::Error(input) whose key names the table, the row and
// the attribute ("generators[3].efficiency") and whose message says what was expected.
//
// A reader that knows where each row came from passes a `Provenance`: given the table, the row
// and the attribute of a failure ("lines", 0, "p_nom_mw"), it returns the context to report
// instead (the file, line and column of that row, the attribute's name in that file), or
// nothing to keep the study's key; given a column of the study's time series and a snapshot,
// the file, line and column that value was read from. The model stays ignorant of file formats.
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/logger.hpp"
#include "model/study.hpp"

namespace silkgrid::model {

struct Provenance {
  std::function<std::optional<core::Context>(const std::string& table, std::size_t row, const std::string& attribute)>
      attribute;
  std::function<std::optional<core::Context>(std::size_t series_column, std::size_t snapshot)> series;
};

void validate(const Study& study, core::Logger& log, const Provenance& provenance = {});

}  // namespace silkgrid::model
