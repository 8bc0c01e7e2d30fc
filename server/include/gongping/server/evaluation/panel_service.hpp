#pragma once
// PanelService: drawing a tender's evaluation panel (matching/panel_draw.hpp, docs/panel-draw.md)
// and calling reserves when a member declines.
//
// The tender's author draws once the bids are opened: the seed is made from the secret committed to
// at publication and the opening record's audit leaf hash, and the draw's audit entry reveals the
// secret, the seed, the eligible list, the excluded experts with their reasons and the draw order, so
// that anyone can re-run it. Purchaser representatives (officials the author names) sit as named.
// Until evaluation starts, a seated expert may decline; the first reserve in draw order takes the
// seat, and when the chair declines the chair passes to the seated expert first in draw order. The panel is seen by the
// tender's author, supervisors and the panel's own members. Blocking: run on the worker pool. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "gongping/common/clock.hpp"
#include "gongping/common/result.hpp"
#include "gongping/matching/panel_draw.hpp"
#include "gongping/server/accounts/principal.hpp"
#include "gongping/server/db/audit_log_writer.hpp"
#include "gongping/server/db/database.hpp"

namespace gp::server::evaluation {

enum class MemberKind { expert, purchaser_representative };
enum class MemberStatus { seated, reserve, declined };
std::string_view to_string(MemberKind kind);
std::string_view to_string(MemberStatus status);

struct PanelMember {
  std::string account;  // public account id
  std::string display_name;
  MemberKind kind = MemberKind::expert;
  std::optional<int> draw_position;  // experts: place in the draw order
  MemberStatus status = MemberStatus::seated;
  bool chair = false;
};

struct PanelView {
  std::string tender_id;
  std::string specialty;
  int size = 0;
  std::string seed_hex;
  common::Instant drawn_at;
  std::int64_t audit_index = 0;
  // The draw's audit entry as stored (specs/audit-log.md): its data reveal the secret, the seed, the
  // eligible list, the excluded experts and the order, for anyone to re-run (docs/panel-draw.md).
  std::string draw_entry;
  std::vector<PanelMember> members;  // seated first (chair first), then reserves and declined in draw order
};

class PanelService {
 public:
  PanelService(db::Database& database, const common::Clock& clock);

  // The author of a tender whose bids are opened and that has no panel yet. validation_failed for
  // size or representatives (naming them), conflict when the pool is too small.
  common::Result<PanelView> draw(const accounts::Principal& official, const std::string& tender_id,
                                 const matching::PanelRequest& request);
  // A seated expert, before evaluation starts.
  common::Result<PanelView> decline(const accounts::Principal& expert, const std::string& tender_id,
                                    const std::string& reason);
  common::Result<PanelView> panel(const accounts::Principal& reader, const std::string& tender_id);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  db::AuditLogWriter audit_;
};

// The panel of a tender (row id) inside the caller's session, or nullopt when none was drawn.
std::optional<PanelView> load_panel(soci::session& sql, std::int64_t tender_row, const std::string& tender_id);

// Whether the account sits on the tender's panel (seated).
bool is_seated(const PanelView& panel, const std::string& account);

}  // namespace gp::server::evaluation
