// Fuzz target: the CSV reader (io::parse_csv) and its number cells.
#include "fuzz/harness.hpp"
#include "io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace silkgrid;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::CsvTable table;
  if (!fuzz::expect_clean([&] { table = io::parse_csv(text, "fuzz.csv"); })) return 0;
  if (table.line.size() != table.rows.size()) fuzz::bug("a line number per row");
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    if (table.rows[i].size() != table.header.size()) fuzz::bug("a ragged row was accepted");
    for (std::size_t j = 0; j < table.header.size(); ++j)
      fuzz::expect_clean([&] { (void)io::parse_number_cell(table, i, j); });
  }
  return 0;
}
