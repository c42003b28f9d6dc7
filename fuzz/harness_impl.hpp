#pragma once
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fmt/format.h>

#include "core/error.hpp"

namespace silkgrid::fuzz {

template <typename Read>
bool expect_clean(Read&& read) {
  try {
    read();
    return true;
  } catch (const core::Error& e) {
    if (e.kind() == core::ErrorKind::internal) bug(fmt::format("internal error on input: {}", e.what()));
    if (std::string_view(e.what()).empty()) bug("an error without a message");
    if (std::getenv("SILKGRID_FUZZ_VERBOSE")) std::fprintf(stderr, "refused: %s\n", e.what());
    return false;
  } catch (const std::exception& e) {
    bug(fmt::format("an exception that is not a silkgrid error: {}", e.what()));
  } catch (...) {
    bug("an unknown exception");
  }
}

}  // namespace silkgrid::fuzz
