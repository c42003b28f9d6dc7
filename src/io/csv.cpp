#include "io/csv.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <unordered_set>

#include "core/error.hpp"

namespace silkgrid::io {

namespace {
using core::Context;
using core::Error;
using core::ErrorKind;

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return std::string(s.substr(a, b - a));
}
}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& file) {
  CsvTable table;
  table.file = file;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  std::size_t pos = 0;
  int line = 1;
  std::vector<std::string> fields;
  bool first = true;
  while (pos < text.size()) {
    fields.clear();
    const int row_line = line;
    std::string field;
    bool row_done = false;
    while (!row_done) {
      field.clear();
      if (pos < text.size() && text[pos] == '"') {
        ++pos;
        while (true) {
          if (pos >= text.size())
            throw Error(ErrorKind::input, Context{file, row_line, 0, ""}, "unterminated quoted field");
          const char ch = text[pos++];
          if (ch == '"') {
            if (pos < text.size() && text[pos] == '"') {
              field += '"';
              ++pos;
            } else {
              break;
            }
          } else {
            if (ch == '\n') ++line;
            field += ch;
          }
        }
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          if (text[pos] != ' ' && text[pos] != '\t')
            throw Error(ErrorKind::input, Context{file, line, 0, ""}, "unexpected text after a quoted field");
          ++pos;
        }
        fields.push_back(field);
      } else {
        const std::size_t end = text.find_first_of(",\r\n", pos);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end;
        fields.push_back(trim(text.substr(pos, stop - pos)));
        pos = stop;
      }
      if (pos >= text.size()) {
        row_done = true;
      } else if (text[pos] == ',') {
        ++pos;
      } else {
        if (text[pos] == '\r') ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
        ++line;
        row_done = true;
      }
    }
    const bool blank = fields.size() == 1 && fields[0].empty();
    if (blank) continue;  // blank lines (a trailing newline included) are skipped
    if (first) {
      std::unordered_set<std::string> seen;
      for (std::size_t j = 0; j < fields.size(); ++j) {
        if (fields[j].empty())
          throw Error(ErrorKind::input, Context{file, row_line, static_cast<int>(j + 1), ""},
                      fmt::format("header cell {} is empty: expected a column name", j + 1));
        if (!seen.insert(fields[j]).second)
          throw Error(ErrorKind::input, Context{file, row_line, 0, ""}, fmt::format("duplicate column '{}'", fields[j]));
      }
      table.header = fields;
      first = false;
      continue;
    }
    if (fields.size() != table.header.size())
      throw Error(ErrorKind::input, Context{file, row_line, 0, ""},
                  fmt::format("expected {} fields as in the header, got {}", table.header.size(), fields.size()));
    table.rows.push_back(fields);
    table.line.push_back(row_line);
  }
  if (first) throw Error(ErrorKind::input, Context{file, 1, 0, ""}, "the file is empty: expected a header row");
  return table;
}

double parse_number_cell(const CsvTable& table, std::size_t row, std::size_t column) {
  const std::string& cell = table.rows[row][column];
  double value = 0;
  const char* begin = cell.data();
  const char* end = begin + cell.size();
  if (!cell.empty() && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (cell.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
    throw Error(ErrorKind::input, Context{table.file, table.line[row], static_cast<int>(column + 1), table.header[column]},
                fmt::format("expected a number, got '{}'", cell.size() > 60 ? cell.substr(0, 57) + "..." : cell));
  return value == 0 ? 0.0 : value;  // -0 is 0
}

}  // namespace silkgrid::io
