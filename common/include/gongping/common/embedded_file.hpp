#pragma once
// A file compiled into a binary (see cmake/GongpingEmbed.cmake): its base name and its bytes.

#include <string>

namespace gp::common {

struct EmbeddedFile {
  std::string name;
  std::string content;
};

}  // namespace gp::common
