#include <gtest/gtest.h>

#include "core/suggest.hpp"

using namespace silkgrid::core;

TEST(Suggest, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("p_nom_mw", "p_nom_mw"), 0u);
}

TEST(Suggest, ClosestKeyIsOfferedOnlyWhenPlausible) {
  const std::vector<std::string> keys = {"p_nom_mw", "p_nom_max_mw", "efficiency"};
  EXPECT_EQ(closest_name("p_nom_mx_mw", keys), "p_nom_max_mw");
  EXPECT_EQ(closest_name("efficency", keys), "efficiency");
  EXPECT_EQ(closest_name("colour", keys), "");
  EXPECT_EQ(did_you_mean("efficency", keys), " (did you mean 'efficiency'?)");
}
