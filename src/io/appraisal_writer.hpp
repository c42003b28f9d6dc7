#pragma once
// Writing project appraisals: projects.json (one object per project, fields named with their
// units), projects.csv (the same, one row per project) and cashflows.csv (every project's
// yearly cash flows, long format).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/appraisal.hpp"

namespace silkgrid::io {

nlohmann::ordered_json projects_json(const std::vector<model::ProjectAppraisal>& appraisals, const std::string& finance);

void write_appraisals(const std::string& dir, const std::vector<model::ProjectAppraisal>& appraisals,
                      const std::string& finance);

}  // namespace silkgrid::io
