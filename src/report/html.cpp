#include "report/html.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "io/builtin.hpp"
#include "io/output_dir.hpp"
#include "report/data.hpp"

namespace silkgrid::io {
// Embedded at build time (CMakeLists.txt): ECharts, Natural Earth's countries (world-atlas's
// countries-50m.json, TopoJSON) and topojson-client from npm, and src/report/report.js.
const std::vector<BuiltinFile>& report_library();
const std::vector<BuiltinFile>& report_world();
const std::vector<BuiltinFile>& report_topojson();
const std::vector<BuiltinFile>& report_script();
}  // namespace silkgrid::io

namespace silkgrid::report {

namespace {

std::string_view only_file(const std::vector<io::BuiltinFile>& files) {
  if (files.size() != 1) throw core::Error(core::ErrorKind::internal, core::Context{}, "the report's embedded assets are missing");
  return files.front().content;
}

// Text safe inside <script>: no "</" that could close the element.
std::string in_script(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') out += "\\";
  }
  return out;
}

const char* style = R"(
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 2rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.kpis { display: flex; gap: 1rem; flex-wrap: wrap; } .kpi { background: #f4f6f8; padding: .6rem 1rem; border-radius: 6px; }
.kpi span { display: block; font-size: .8rem; color: #555; } .kpi b { font-size: 1.2rem; }
.chart { width: 100%; height: 420px; } .tall { height: 560px; } .note { color: #666; font-size: .9rem; }
table { border-collapse: collapse; font-size: .85rem; width: 100%; } th { cursor: pointer; background: #f4f6f8; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #eee; text-align: right; } td:first-child, th:first-child { text-align: left; }
pre { white-space: pre-wrap; font-size: .8rem; background: #fafafa; padding: 1rem; }
)";

const char* body = R"(
<h1 id="title">silkgrid report</h1>
<div class="kpis" id="headline"></div>
<h2>The corridor: regions, cables and lines</h2>
<p class="note" id="map-note">Regions at their coordinates (colour: average price) over the countries' borders (Natural Earth, 1:50m); links drawn with width by capacity and opacity by utilisation; hover for the flows each way. Countries shaded by their welfare (consumer and producer surplus and rents, this run; green a gain, red a loss: consumers' payments count against it, so a country's welfare is mostly negative and Σ welfare = −system cost), labelled in M€/yr.</p>
<div class="chart tall" id="map" data-chart="map"></div>
<div id="welfare-section">
<p class="note">Welfare by country (M€/yr; README, "Who gains and who pays"):</p>
<table id="welfare" data-chart="welfare"></table>
</div>
<h2>Capacity by region and carrier</h2>
<div class="chart" id="capacity" data-chart="capacity"></div>
<h2>Annual energy balance by country</h2>
<div class="chart" id="balance" data-chart="balance"></div>
<h2>Dispatch in a chosen week</h2>
<p class="note">Week from <select id="dispatch-week"></select> Region: <select id="dispatch-region"></select></p>
<div class="chart" id="dispatch" data-chart="dispatch"></div>
<h2>Duration curves</h2>
<div class="chart" id="duration-links" data-chart="duration-links"></div>
<div class="chart" id="duration-prices" data-chart="duration-prices"></div>
<h2>Storage state of charge</h2>
<div class="chart" id="storage" data-chart="storage"></div>
<h2>CO2 by country</h2>
<div class="chart" id="co2" data-chart="co2"></div>
<h2>Exports to markets, against the export targets</h2>
<div class="chart" id="markets" data-chart="markets"></div>
<p class="note" id="targets-note"></p>
<h2>Exports by country of origin</h2>
<p class="note">Traced by proportional sharing: each region passes on the mix of what enters it (README, "Trade").</p>
<div class="chart" id="origins" data-chart="origins"></div>
<p class="note" id="cbam-note"></p>
<div id="projects-section">
<h2>Projects</h2>
<p class="note">Click a column to sort.</p>
<table id="projects" data-chart="projects"></table>
<p class="note">Yearly cash flows of <select id="cashflow-project"></select></p>
<div class="chart" id="cashflows" data-chart="cashflows"></div>
</div>
<div id="convergence-section">
<h2>Convergence of the decomposition</h2>
<p id="convergence-text"></p>
<div class="chart" id="convergence" data-chart="convergence"></div>
</div>
<div id="finance-section">
<h2>Climate finance: who puts money into what</h2>
<p id="finance-text"></p>
<div class="chart tall" id="finance-sankey" data-chart="finance-sankey"></div>
<p class="note">By country (the projects' host country). Instruments are the tranches' kinds as the study gives them; concessional counts grants and the loans whose grant element reaches the threshold (README, "Climate-finance accounting").</p>
<table id="finance-countries" data-chart="finance-countries"></table>
</div>
<div id="portfolio-section">
<h2>Portfolio under the concessional budget</h2>
<p id="portfolio-text"></p>
<div class="chart" id="portfolio" data-chart="portfolio"></div>
</div>
<div id="candidates-section">
<h2>What it would take</h2>
<p class="note" id="candidates-text"></p>
<table id="candidates" data-chart="candidates"></table>
</div>
<div id="ensemble-section">
<h2>Weather years and outages: the ensemble</h2>
<p id="ensemble-text"></p>
<p class="note">Each year's value, sorted from the best year to the worst, of <select id="ensemble-quantity"></select></p>
<div class="chart" id="ensemble-years" data-chart="ensemble-years"></div>
<table id="ensemble-countries" data-chart="ensemble-countries"></table>
<p class="note" id="ensemble-projects-note">Projects over the years (P90: exceeded in 90 % of years):</p>
<table id="ensemble-projects" data-chart="ensemble-projects"></table>
<h2>The worst year's critical week</h2>
<p class="note" id="ensemble-week-text"></p>
<div class="chart" id="ensemble-week" data-chart="ensemble-week"></div>
</div>
<h2>Assumptions and sources</h2>
<pre id="assumptions"></pre>
)";

}  // namespace

std::string report_html(const nlohmann::json& data) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>silkgrid report: ";
  std::string title = data.value("study", "study");
  for (char c : title) html += c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c);
  html += "</title>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
          "style-src 'unsafe-inline'; img-src data:\">\n<style>";
  html += style;
  html += "</style></head><body>";
  html += body;
  html += "<script>";
  html += in_script(only_file(io::report_library()));
  html += "</script>\n<script>";
  html += in_script(only_file(io::report_topojson()));
  html += "</script>\n<script>window.SILKGRID_WORLD = ";
  html += in_script(only_file(io::report_world()));
  html += ";</script>\n<script>window.SILKGRID = ";
  html += in_script(data.dump());
  html += ";</script>\n<script>";
  html += in_script(only_file(io::report_script()));
  html += "</script>\n</body></html>\n";
  return html;
}

std::string write_report(const std::string& run_dir) {
  const std::filesystem::path path = std::filesystem::path(run_dir) / "report.html";
  io::write_file_atomically(path, report_html(report_data(run_dir)));
  return path.string();
}

}  // namespace silkgrid::report
