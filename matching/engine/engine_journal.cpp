#include "engine_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gp::matching::engine {
namespace {

std::string record_of(std::string_view frame) {
  std::string record = std::to_string(frame.size());
  record += '\n';
  record.append(frame);
  record += '\n';
  return record;
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write the engine journal " + path + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

EngineJournal::EngineJournal(std::string path) : path_(std::move(path)) { open_for_append(); }

EngineJournal::~EngineJournal() {
  if (fd_ >= 0) ::close(fd_);
}

void EngineJournal::open_for_append() {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open the engine journal " + path_ + ": " + std::strerror(errno));
}

std::vector<std::string> EngineJournal::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  std::vector<std::string> frames;
  std::size_t at = 0;
  while (at < all.size()) {
    const auto newline = all.find('\n', at);
    if (newline == std::string::npos) break;
    const std::string length_text = all.substr(at, newline - at);
    if (length_text.empty() || length_text.size() > 12 ||
        length_text.find_first_not_of("0123456789") != std::string::npos) {
      break;  // not a record: a torn write
    }
    const auto length = std::stoull(length_text);
    const auto start = newline + 1;
    if (start + length + 1 > all.size() || all[start + length] != '\n') break;  // torn
    frames.push_back(all.substr(start, length));
    at = start + length + 1;
  }
  return frames;
}

void EngineJournal::stage(std::string_view frame) { staged_ += record_of(frame); }

void EngineJournal::flush() {
  if (staged_.empty()) return;
  write_all(fd_, staged_, path_);
  staged_.clear();
}

void EngineJournal::rewrite(const std::vector<std::string>& frames) {
  const std::string tmp = path_ + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp + ": " + std::strerror(errno));
  std::string all;
  for (const auto& f : frames) all += record_of(f);
  try {
    write_all(fd, all, tmp);
  } catch (...) {
    ::close(fd);
    throw;
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || ::rename(tmp.c_str(), path_.c_str()) != 0) {
    throw std::runtime_error("cannot replace the engine journal " + path_ + ": " + std::strerror(errno));
  }
  ::close(fd_);
  open_for_append();
}

}  // namespace gp::matching::engine
