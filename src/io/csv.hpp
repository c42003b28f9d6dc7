#pragma once
// A small, strict CSV reader for time series: RFC 4180 fields (quotes allowed), a header row,
// one row per snapshot. Every error names the file, the line and the column.
#include <string>
#include <string_view>
#include <vector>

namespace silkgrid::io {

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // rows[i][j]; every row has header.size() fields
  std::vector<int> line;                       // the file line of each row (1-based)
};

// Parses `text` (the contents of `file`). Throws core::Error(input) on ragged rows,
// unterminated quotes, an empty header cell or a duplicate column name.
CsvTable parse_csv(std::string_view text, const std::string& file);

// Parses a whole cell as a finite number; throws core::Error(input) naming file:line and column.
double parse_number_cell(const CsvTable& table, std::size_t row, std::size_t column);

}  // namespace silkgrid::io
