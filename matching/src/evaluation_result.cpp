#include "gongping/matching/evaluation_result.hpp"

namespace gp::matching {

std::string_view to_string(RejectionReason reason) {
  switch (reason) {
    case RejectionReason::not_responsive: return "not_responsive";
    case RejectionReason::above_ceiling: return "above_ceiling";
  }
  return "not_responsive";
}

}  // namespace gp::matching
