// core::Ranks of one process, and the messages' byte strings (Writer/Reader).
#include "core/ranks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace silkgrid::core {
namespace {

TEST(Ranks, OneProcessIsRankZeroOfOneAndItsCollectivesAreIdentities) {
  const Ranks one;
  EXPECT_EQ(one.rank(), 0);
  EXPECT_EQ(one.size(), 1);
  EXPECT_TRUE(one.root());
  EXPECT_FALSE(one.distributed());
  std::string bytes = "abc";
  one.broadcast(bytes);
  EXPECT_EQ(bytes, "abc");
  const auto all = one.all_gather("xyz");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0], "xyz");
}

TEST(Ranks, MessagesCarryValuesExactly) {
  Writer w;
  w.put<std::uint64_t>(42);
  w.put<double>(-0.1);
  w.put<double>(std::numeric_limits<double>::denorm_min());
  w.put(std::vector<double>{1.0 / 3.0, 1e300, -0.0});
  w.put(std::string("rank\0one", 8));
  w.put(std::vector<double>{});
  Reader r(w.bytes());
  EXPECT_EQ(r.get<std::uint64_t>(), 42u);
  EXPECT_EQ(r.get<double>(), -0.1);
  EXPECT_EQ(r.get<double>(), std::numeric_limits<double>::denorm_min());
  const auto v = r.get_doubles();
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0], 1.0 / 3.0);
  EXPECT_EQ(v[1], 1e300);
  EXPECT_TRUE(std::signbit(v[2]));
  EXPECT_EQ(r.get_string(), std::string("rank\0one", 8));
  EXPECT_TRUE(r.get_doubles().empty());
  EXPECT_TRUE(r.done());
  // A message that ends early is an error, not a read past its end.
  EXPECT_THROW(r.get<double>(), std::length_error);
  Writer big;
  big.put<std::uint64_t>(std::uint64_t{1} << 40);  // claims 2^40 doubles
  Reader bad(big.bytes());
  EXPECT_THROW(bad.get_doubles(), std::length_error);
}

}  // namespace
}  // namespace silkgrid::core
