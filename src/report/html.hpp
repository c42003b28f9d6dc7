#pragma once
// The HTML report: one self-contained file (ECharts and the report's script inlined, the data
// as JSON), which opens offline: nothing is fetched.
#include <nlohmann/json.hpp>
#include <string>

namespace silkgrid::report {

std::string report_html(const nlohmann::json& data);

// Writes `run_dir`/report.html from the result folder (atomically); returns its path.
std::string write_report(const std::string& run_dir);

}  // namespace silkgrid::report
