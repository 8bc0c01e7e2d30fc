#pragma once
// Private key files (officers' key files, the platform's signing key): written readable and
// writable by their owner only (mode 0600) from the moment they exist, whatever the umask.

#include <string>
#include <string_view>

namespace gp::server::jose {

// Creates or replaces `path` with `content`; throws std::runtime_error naming the file on failure.
void write_private_file(const std::string& path, std::string_view content);

}  // namespace gp::server::jose
