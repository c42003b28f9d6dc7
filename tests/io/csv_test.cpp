#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/csv.hpp"

using namespace silkgrid;

TEST(Csv, ParsesQuotedFieldsCrlfAndBlankLines) {
  const auto t = io::parse_csv("timestamp,\"a, b\",c\r\n2030-01-01T00:00,\"1.5\", 2 \r\n\r\n2030-01-01T01:00,3,4\n", "x.csv");
  ASSERT_EQ(t.header.size(), 3u);
  EXPECT_EQ(t.header[1], "a, b");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.line[1], 4);
  EXPECT_DOUBLE_EQ(io::parse_number_cell(t, 0, 1), 1.5);
  EXPECT_DOUBLE_EQ(io::parse_number_cell(t, 0, 2), 2.0);
  EXPECT_DOUBLE_EQ(io::parse_number_cell(t, 1, 2), 4.0);
}

TEST(Csv, RejectsEmptyHeaderCellsDuplicatesAndUnterminatedQuotes) {
  EXPECT_THROW(io::parse_csv("a,,b\n1,2,3\n", "x.csv"), core::Error);
  EXPECT_THROW(io::parse_csv("a,a\n1,2\n", "x.csv"), core::Error);
  EXPECT_THROW(io::parse_csv("a,b\n\"1,2\n", "x.csv"), core::Error);
  EXPECT_THROW(io::parse_csv("", "x.csv"), core::Error);
}

TEST(Csv, NumbersMustBeWholeCells) {
  const auto t = io::parse_csv("a,b,c,d\n1e3,12x,,nan\n", "x.csv");
  EXPECT_DOUBLE_EQ(io::parse_number_cell(t, 0, 0), 1000.0);
  EXPECT_THROW(io::parse_number_cell(t, 0, 1), core::Error);
  EXPECT_THROW(io::parse_number_cell(t, 0, 2), core::Error);
  EXPECT_THROW(io::parse_number_cell(t, 0, 3), core::Error);
}
