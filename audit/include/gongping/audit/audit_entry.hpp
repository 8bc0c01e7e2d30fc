#pragma once
// One audit log entry (specs/audit-log.md, "Entries"). serialize() gives the exact UTF-8 bytes that
// are stored, served and hashed; fields appear in the spec's order.
//
// `data_json` is a JSON object serialized by the caller (common::JsonWriter) and must never hold a
// secret: no plaintext bid before the opening, no share, no password, no token.

#include <cstdint>
#include <string>

#include "gongping/common/instant.hpp"

namespace gp::audit {

struct Actor {
  std::string id;    // "E-000042", "U-000007", or "system"
  std::string role;  // an account role, or "system" for the platform itself
};

struct ObjectRef {
  std::string type;  // "tender", "account", "enterprise", ...
  std::string id;
};

struct AuditEntry {
  std::int64_t index = 0;
  common::Instant at;
  Actor actor;
  std::string action;  // "<object>.<past participle>", e.g. "account.created"
  ObjectRef object;
  std::string data_json = "{}";

  std::string serialize() const;
};

// An entry for the writer to append (it fills in the index and the time).
AuditEntry make_entry(Actor actor, std::string action, ObjectRef object, std::string data_json = "{}");

}  // namespace gp::audit
