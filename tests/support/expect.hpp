#pragma once
// Expectations shared by the tests of bad input: the error a study throws, text edits.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/error.hpp"
#include "support/studies.hpp"

namespace silkgrid::test {

// The error thrown by reading `yaml` with `files`; fails the test if none.
inline core::Error error_reading(const std::string& yaml, const std::map<std::string, std::string>& files) {
  try {
    study_from(yaml, files);
  } catch (const core::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an error";
  return core::Error(core::ErrorKind::internal, "none");
}

// `text` with its first `from` replaced by `to` (fails the test when there is none).
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

inline void expect_contains(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "'" << part << "' not in: " << text;
}

}  // namespace silkgrid::test
